package io.r2orm.core.dialect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.sql.Identifier;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Identifier quoting and dialect lookup. */
class DialectTest {
  private static final List<Dialect> DIALECTS =
      List.of(PostgresDialect.INSTANCE, H2Dialect.INSTANCE);

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "book            | book",
        "author_id       | author_id",
        "_x1             | _x1",
        "order           | \"order\"",
        "user            | \"user\"",
        "year            | \"year\"",
        "BookReview      | \"BookReview\"",
        "Book            | \"Book\"",
        "1st             | \"1st\"",
        "my-table        | \"my-table\"",
        "naïve           | \"naïve\"",
        "say \"hi\"      | \"say \"\"hi\"\"\"",
      })
  void quotesOnlyWhereNeeded(String name, String sql) {
    for (Dialect dialect : DIALECTS) {
      assertThat(dialect.quote(Identifier.of(name))).as(dialect.name()).isEqualTo(sql);
    }
  }

  @Test
  void rejectsIdentifiersThatCannotBeQuotedSafely() {
    assertThatThrownBy(() -> Identifier.of("")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Identifier.of("a\0b")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Identifier.of("x".repeat(64)))
        .hasMessageContaining("1 to 63 characters");
    assertThat(Identifier.of("x".repeat(63)).name()).hasSize(63);
  }

  @Test
  void findsTheDialectByProductName() {
    assertThat(Dialects.forProductName("PostgreSQL")).containsSame(PostgresDialect.INSTANCE);
    assertThat(Dialects.forProductName("H2")).containsSame(H2Dialect.INSTANCE);
    assertThat(Dialects.forProductName("MariaDB")).isEmpty();
    assertThat(Dialects.forProductName(null)).isEmpty();
  }
}
