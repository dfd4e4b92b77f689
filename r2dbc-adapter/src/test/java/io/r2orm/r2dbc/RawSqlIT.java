package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.exception.MappingException;
import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.r2dbc.model.Book;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

/** Hand-written SQL with named parameters, mapped by column name. */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class RawSqlIT extends DatabaseTest {

  /** A projection: an aggregate into a record. */
  record AuthorCount(Long authorId, long books, Integer firstYear) {}

  @BeforeEach
  void fixture() {
    db().schema().drop(Book.class).block();
    db().schema().create(Book.class).block();
    testDatabase()
        .sql(
            "INSERT INTO book (id, title, \"year\", author_id, version) VALUES (1, 'Dune', 1965, 1, 1), "
                + "(2, 'Dune Messiah', 1969, 1, 1), (3, 'Neuromancer', 1984, 2, 1), (4, 'it''s :not a param', NULL, NULL, 1)");
  }

  @Test
  void namedParametersAreBindsAndRowsMapToEntitiesByName() {
    StepVerifier.create(
            db().sql("SELECT * FROM book WHERE \"year\" >= :from AND \"year\" <= :to ORDER BY id")
                .bind("from", 1960)
                .bind("to", 1970)
                .all(Book.class)
                .map(Book::title))
        .expectNext("Dune", "Dune Messiah")
        .verifyComplete();
  }

  @Test
  void aNameUsedTwiceAndTextThatLooksLikeAParameterAreHandled() {
    StepVerifier.create(
            db().sql(
                    "SELECT title FROM book WHERE author_id = :a OR (author_id IS NULL AND :a = 0) "
                        + "OR title = 'it''s :not a param' ORDER BY id")
                .bind("a", 2L)
                .all(String.class))
        .expectNext("Neuromancer", "it's :not a param")
        .verifyComplete();
  }

  @Test
  void aggregatesMapIntoRecords() {
    StepVerifier.create(
            db().sql(
                    "SELECT author_id, COUNT(*) AS books, MIN(\"year\") AS first_year FROM book "
                        + "WHERE author_id IS NOT NULL GROUP BY author_id ORDER BY author_id")
                .all(AuthorCount.class))
        .expectNext(new AuthorCount(1L, 2, 1965), new AuthorCount(2L, 1, 1984))
        .verifyComplete();
  }

  @Test
  void listsBindAsOneArrayAndUpdatesReturnCounts() {
    StepVerifier.create(
            db().sql("SELECT id FROM book WHERE id = ANY(:ids) ORDER BY id")
                .bind("ids", List.of(1L, 3L, 9L))
                .all(Long.class))
        .expectNext(1L, 3L)
        .verifyComplete();
    StepVerifier.create(
            db().sql("SELECT id FROM book WHERE id = ANY(:ids)")
                .bind("ids", new Long[0])
                .all(Long.class))
        .verifyComplete();
    StepVerifier.create(
            db().sql("UPDATE book SET version = version + 1 WHERE author_id = :author")
                .bind("author", 1L)
                .execute())
        .expectNext(2L)
        .verifyComplete();
  }

  @Test
  void hostileValuesRoundTripAndChangeNothingElse() {
    String hostile = "'); DROP TABLE book; -- :x \\ \" ünï";
    StepVerifier.create(
            db().sql("UPDATE book SET title = :t WHERE id = :id")
                .bind("t", hostile)
                .bind("id", 1L)
                .execute())
        .expectNext(1L)
        .verifyComplete();
    StepVerifier.create(
            db().sql("SELECT title FROM book WHERE title = :t")
                .bind("t", hostile)
                .one(String.class))
        .expectNext(hostile)
        .verifyComplete();
    assertThat(testDatabase().queryOne("SELECT COUNT(*) FROM book", Long.class)).isEqualTo(4L);
  }

  @Test
  void mistakesAreClearErrors() {
    StepVerifier.create(db().sql("SELECT * FROM book WHERE id = :id").all(Book.class))
        .expectErrorSatisfies(
            e -> assertThat(e).isInstanceOf(QueryBuildException.class).hasMessageContaining(":id"))
        .verify();
    StepVerifier.create(db().sql("SELECT * FROM book").bind("id", 1).all(Book.class))
        .expectErrorSatisfies(
            e -> assertThat(e).isInstanceOf(QueryBuildException.class).hasMessageContaining("[id]"))
        .verify();
    StepVerifier.create(db().sql("SELECT id, title FROM book").all(Book.class))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(MappingException.class)
                    .hasMessageContaining("year")
                    .hasMessageContaining("not in the result"))
        .verify();
  }
}
