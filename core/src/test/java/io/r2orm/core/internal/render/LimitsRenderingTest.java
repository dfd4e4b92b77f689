package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Fixtures.ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.exception.TooManyParametersException;
import io.r2orm.core.internal.render.Fixtures.Book;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.Select;
import io.r2orm.core.sql.SqlStatement;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The databases' limits (issue #11, finding 12): PostgreSQL takes at most 65,535 bind parameters in
 * one statement, H2 at most 65,536 elements in one array. A statement over the first is refused
 * before anything is sent; a list over the second is split into several arrays.
 */
class LimitsRenderingTest {
  private static final List<Long> MANY = LongStream.range(0, 70_000).boxed().toList();

  @Test
  void moreBindsThanPostgresTakesAreRefusedWithTheFix() {
    Predicate equalities = Predicate.any(MANY.stream().map(ID::eq).toList());
    assertThatThrownBy(() -> Golden.POSTGRES.select(Select.from(Book.class).where(equalities)))
        .isInstanceOf(TooManyParametersException.class)
        .hasMessageContaining("70000 bind parameters")
        .hasMessageContaining("at most 65535")
        .hasMessageContaining("in(list)")
        .hasMessageContaining("SQL: SELECT id, title");
    // H2 takes them, up to its own limit of 100,000
    assertThat(Golden.H2.select(Select.from(Book.class).where(equalities)).binds()).hasSize(70_000);
    Predicate more = Predicate.any(LongStream.range(0, 100_001).boxed().map(ID::eq).toList());
    assertThatThrownBy(() -> Golden.H2.select(Select.from(Book.class).where(more)))
        .isInstanceOf(TooManyParametersException.class)
        .hasMessageContaining("H2 takes at most 100000");
  }

  @Test
  void aListLongerThanAnH2ArrayIsSplitIntoSeveralArrays() {
    SqlStatement h2 = Golden.H2.select(Select.from(Book.class).where(ID.in(MANY)));
    assertThat(h2.sql()).endsWith("WHERE (id = ANY($1) OR id = ANY($2))");
    assertThat(h2.binds())
        .extracting(b -> ((Object[]) b.value()).length)
        .containsExactly(65_536, 70_000 - 65_536);
    SqlStatement notIn = Golden.H2.select(Select.from(Book.class).where(ID.notIn(MANY)));
    assertThat(notIn.sql()).endsWith("WHERE (id <> ALL($1) AND id <> ALL($2))");
    // PostgreSQL: one array
    assertThat(Golden.POSTGRES.select(Select.from(Book.class).where(ID.in(MANY))).sql())
        .endsWith("WHERE id = ANY($1)");
  }
}
