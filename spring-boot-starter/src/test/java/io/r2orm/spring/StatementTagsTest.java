package io.r2orm.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Tags;
import org.junit.jupiter.api.Test;

/** The operation and table tags read from r2orm's statements. */
class StatementTagsTest {

  @Test
  void operationAndTableOfEachKindOfStatement() {
    assertThat(MicrometerStatementListener.describe("SELECT id, title FROM book WHERE id = $1"))
        .isEqualTo(Tags.of("operation", "select", "table", "book"));
    assertThat(MicrometerStatementListener.describe("INSERT INTO \"order\" (id) VALUES ($1)"))
        .isEqualTo(Tags.of("operation", "insert", "table", "order"));
    assertThat(MicrometerStatementListener.describe("UPDATE s.track SET price = (price * $1)"))
        .isEqualTo(Tags.of("operation", "update", "table", "track"));
    assertThat(
            MicrometerStatementListener.describe(
                "WITH input AS MATERIALIZED (SELECT nextval('x') AS r2orm_id, c1, ord FROM unnest($1::text[]) WITH ORDINALITY"
                    + " AS input_rows(c1, ord)), inserted AS (INSERT INTO track (id, title) SELECT r2orm_id, c1 FROM input)"
                    + " SELECT r2orm_id FROM input ORDER BY ord"))
        .isEqualTo(Tags.of("operation", "insert", "table", "track"));
    assertThat(MicrometerStatementListener.describe("DELETE FROM tag WHERE id = $1"))
        .isEqualTo(Tags.of("operation", "delete", "table", "tag"));
  }

  @Test
  void aCursorsStatementsAreTaggedByWhatTheyDoNotByTheCursorsName() {
    assertThat(
            MicrometerStatementListener.describe(
                "DECLARE r2orm_cursor_3 NO SCROLL CURSOR FOR SELECT id, name FROM author WHERE id > $1"))
        .isEqualTo(Tags.of("operation", "select", "table", "author"));
    assertThat(MicrometerStatementListener.describe("FETCH FORWARD 256 FROM r2orm_cursor_3"))
        .isEqualTo(Tags.of("operation", "fetch", "table", "cursor"));
    assertThat(MicrometerStatementListener.describe("CLOSE r2orm_cursor_12"))
        .isEqualTo(Tags.of("operation", "close", "table", "cursor"));
  }
}
