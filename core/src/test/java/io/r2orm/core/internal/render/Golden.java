package io.r2orm.core.internal.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.dialect.H2Dialect;
import io.r2orm.core.dialect.PostgresDialect;
import io.r2orm.core.metadata.EntityModels;
import io.r2orm.core.sql.Bind;
import io.r2orm.core.sql.SqlStatement;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/** Golden assertions: the exact SQL text and the exact binds (value, value class, bind type). */
final class Golden {
  static final EntityModels MODELS = EntityModels.create();
  static final SqlRenderer POSTGRES = new SqlRenderer(PostgresDialect.INSTANCE, MODELS);
  static final SqlRenderer H2 = new SqlRenderer(H2Dialect.INSTANCE, MODELS);

  private Golden() {}

  /** Asserts that PostgreSQL and H2 both render this SQL with these binds. */
  static void rendersOnBoth(Function<SqlRenderer, SqlStatement> render, String sql, Bind... binds) {
    rendersOn(POSTGRES, render, sql, binds);
    rendersOn(H2, render, sql, binds);
  }

  /** Asserts the SQL and binds one renderer produces, and returns the statement. */
  static SqlStatement rendersOn(
      SqlRenderer renderer, Function<SqlRenderer, SqlStatement> render, String sql, Bind... binds) {
    SqlStatement statement = render.apply(renderer);
    String dialect = renderer.dialect().name();
    assertThat(statement.sql()).as("%s SQL", dialect).isEqualTo(sql);
    assertThat(describe(statement.binds()))
        .as("%s binds", dialect)
        .isEqualTo(describe(List.of(binds)));
    return statement;
  }

  static Bind bind(Object value, Class<?> type) {
    return new Bind(value, type);
  }

  /** A bind of a non-null value whose type is the value's class. */
  static Bind bind(Object value) {
    return new Bind(value, value.getClass());
  }

  /**
   * Binds compared by content: arrays element-wise, values with their classes (1 and 1L differ).
   */
  private static List<String> describe(List<Bind> binds) {
    return binds.stream()
        .map(
            b ->
                b.type().getSimpleName()
                    + " <- "
                    + (b.value() == null
                        ? "null"
                        : b.value().getClass().getSimpleName()
                            + " "
                            + Arrays.deepToString(new Object[] {b.value()})))
        .toList();
  }
}
