package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.exception.NonUniqueResultException;
import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.query.Arithmetic;
import io.r2orm.core.query.Property;
import io.r2orm.core.query.PropertyRef;
import io.r2orm.core.query.Value;
import io.r2orm.r2dbc.model.Book;
import io.r2orm.r2dbc.model.Book_;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

/** The query builder against rows written with plain SQL. */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class QueryIT extends DatabaseTest {

  @BeforeEach
  void fixture() {
    db().schema().drop(Book.class).block();
    db().schema().create(Book.class).block();
    testDatabase()
        .sql(
            "INSERT INTO book (id, title, \"year\", author_id, version) VALUES (1, 'Dune', 1965, 1, 1)",
            "INSERT INTO book (id, title, \"year\", author_id, version) VALUES (2, 'Dune Messiah', 1969, 1, 1)",
            "INSERT INTO book (id, title, \"year\", author_id, version) VALUES (3, 'Neuromancer', 1984, 2, 1)",
            "INSERT INTO book (id, title, \"year\", author_id, version) VALUES (4, '100% Pure_Fiction', NULL, NULL, 1)",
            "INSERT INTO book (id, title, \"year\", author_id, version) VALUES (5, 'dune (lowercase)', 2000, 3, 1)",
            "ALTER TABLE book ALTER COLUMN id RESTART WITH 100");
  }

  private List<Long> ids(SelectQuery<Book> query) {
    return query.all().map(Book::id).collectList().block();
  }

  @Test
  void comparisonsAndRanges() {
    assertThat(ids(db().select(Book.class).where(Book_.YEAR.gt(1965)).orderBy(Book_.ID.asc())))
        .containsExactly(2L, 3L, 5L);
    assertThat(
            ids(
                db().select(Book.class)
                    .where(Book_.YEAR.ge(1965).and(Book_.YEAR.lt(1984)))
                    .orderBy(Book_.ID.asc())))
        .containsExactly(1L, 2L);
    assertThat(
            ids(
                db().select(Book.class)
                    .where(Book_.YEAR.between(1969, 1984))
                    .orderBy(Book_.ID.asc())))
        .containsExactly(2L, 3L);
    assertThat(
            ids(
                db().select(Book.class)
                    .where(Book_.YEAR.le(1965).or(Book_.YEAR.isNull()))
                    .orderBy(Book_.ID.asc())))
        .containsExactly(1L, 4L);
    assertThat(
            ids(db().select(Book.class).where(Book_.TITLE.ne("Dune").and(Book_.AUTHOR_ID.eq(1L)))))
        .containsExactly(2L);
    assertThat(
            ids(db().select(Book.class).where(Book_.YEAR.gt(1965).not()).orderBy(Book_.ID.asc())))
        .containsExactly(1L);
  }

  @Test
  void inAndNotInWithValuesAndEmptyLists() {
    assertThat(ids(db().select(Book.class).where(Book_.ID.in(1L, 3L, 99L)).orderBy(Book_.ID.asc())))
        .containsExactly(1L, 3L);
    assertThat(
            ids(
                db().select(Book.class)
                    .where(Book_.ID.notIn(List.of(1L, 2L)))
                    .orderBy(Book_.ID.asc())))
        .containsExactly(3L, 4L, 5L);
    assertThat(ids(db().select(Book.class).where(Book_.ID.in(List.of())))).isEmpty();
    assertThat(ids(db().select(Book.class).where(Book_.ID.notIn(List.of())))).hasSize(5);
    assertThat(
            ids(
                db().select(Book.class)
                    .where(Book_.TITLE.in("Dune", "Neuromancer"))
                    .orderBy(Book_.ID.asc())))
        .containsExactly(1L, 3L);
  }

  @Test
  void nullChecks() {
    assertThat(ids(db().select(Book.class).where(Book_.AUTHOR_ID.isNull()))).containsExactly(4L);
    assertThat(ids(db().select(Book.class).where(Book_.AUTHOR_ID.eq((Long) null))))
        .containsExactly(4L);
    assertThat(ids(db().select(Book.class).where(Book_.AUTHOR_ID.isNotNull()))).hasSize(4);
  }

  @Test
  void likeMatchesPatternsAndEscapesLiteralText() {
    assertThat(
            ids(db().select(Book.class).where(Book_.TITLE.like("Dune%")).orderBy(Book_.ID.asc())))
        .containsExactly(1L, 2L);
    assertThat(
            ids(
                db().select(Book.class)
                    .where(Book_.TITLE.likeIgnoreCase("dune%"))
                    .orderBy(Book_.ID.asc())))
        .containsExactly(1L, 2L, 5L);
    assertThat(
            ids(
                db().select(Book.class)
                    .where(Book_.TITLE.notLike("%Dune%"))
                    .orderBy(Book_.ID.asc())))
        .containsExactly(3L, 4L, 5L);
    assertThat(ids(db().select(Book.class).where(Book_.TITLE.startsWith("100%"))))
        .containsExactly(4L);
    assertThat(ids(db().select(Book.class).where(Book_.TITLE.contains("% Pure_"))))
        .containsExactly(4L);
    assertThat(ids(db().select(Book.class).where(Book_.TITLE.contains("_")))).containsExactly(4L);
    assertThat(ids(db().select(Book.class).where(Book_.TITLE.endsWith("Messiah"))))
        .containsExactly(2L);
    assertThat(
            ids(
                db().select(Book.class)
                    .where(Book_.TITLE.containsIgnoreCase("DUNE"))
                    .orderBy(Book_.ID.asc())))
        .containsExactly(1L, 2L, 5L);
  }

  @Test
  void orderingWithNullsLimitAndOffset() {
    assertThat(ids(db().select(Book.class).orderBy(Book_.YEAR.desc().nullsLast())))
        .containsExactly(5L, 3L, 2L, 1L, 4L);
    assertThat(ids(db().select(Book.class).orderBy(Book_.YEAR.asc().nullsFirst())))
        .containsExactly(4L, 1L, 2L, 3L, 5L);
    assertThat(
            ids(
                db().select(Book.class)
                    .orderBy(Book_.AUTHOR_ID.asc().nullsLast(), Book_.ID.desc())))
        .containsExactly(2L, 1L, 3L, 5L, 4L);
    assertThat(ids(db().select(Book.class).orderBy(Book_.ID.asc()).limit(2).offset(1)))
        .containsExactly(2L, 3L);
    assertThat(ids(db().select(Book.class).orderBy(Book_.ID.asc()).offset(4))).containsExactly(5L);
  }

  @Test
  void countExistsOneAndFirst() {
    StepVerifier.create(db().select(Book.class).count()).expectNext(5L).verifyComplete();
    StepVerifier.create(db().select(Book.class).where(Book_.AUTHOR_ID.eq(1L)).count())
        .expectNext(2L)
        .verifyComplete();
    StepVerifier.create(db().select(Book.class).orderBy(Book_.ID.asc()).limit(2).offset(4).count())
        .expectNext(1L)
        .verifyComplete();
    StepVerifier.create(db().select(Book.class).where(Book_.YEAR.gt(3000)).exists())
        .expectNext(false)
        .verifyComplete();
    StepVerifier.create(db().select(Book.class).where(Book_.YEAR.gt(1999)).exists())
        .expectNext(true)
        .verifyComplete();
    StepVerifier.create(db().select(Book.class).where(Book_.ID.eq(3L)).one().map(Book::title))
        .expectNext("Neuromancer")
        .verifyComplete();
    StepVerifier.create(db().select(Book.class).where(Book_.ID.eq(42L)).one()).verifyComplete();
    StepVerifier.create(db().select(Book.class).where(Book_.AUTHOR_ID.eq(1L)).one())
        .expectError(NonUniqueResultException.class)
        .verify();
    StepVerifier.create(
            db().select(Book.class).orderBy(Book_.YEAR.desc().nullsLast()).first().map(Book::id))
        .expectNext(5L)
        .verifyComplete();
  }

  @Test
  void updateAndDeleteByPredicateReturnCounts() {
    StepVerifier.create(
            db().update(Book.class)
                .set(Book_.AUTHOR_ID, 9L)
                .where(Book_.AUTHOR_ID.eq(1L))
                .execute())
        .expectNext(2L)
        .verifyComplete();
    StepVerifier.create(
            db().update(Book.class)
                .set(
                    Book_.VERSION,
                    new Arithmetic(
                        new PropertyRef(Book.class, "version"),
                        Arithmetic.Operator.ADD,
                        new Value(1)))
                .where(Book_.AUTHOR_ID.eq(9L))
                .execute())
        .expectNext(2L)
        .verifyComplete();
    assertThat(testDatabase().queryOne("SELECT SUM(version) FROM book", Number.class).longValue())
        .isEqualTo(7L);
    StepVerifier.create(db().delete(Book.class).where(Book_.AUTHOR_ID.eq(9L)).execute())
        .expectNext(2L)
        .verifyComplete();
    StepVerifier.create(db().delete(Book.class).execute())
        .expectError(IllegalStateException.class)
        .verify();
    StepVerifier.create(db().update(Book.class).set(Book_.YEAR, 1).execute())
        .expectError(IllegalStateException.class)
        .verify();
    StepVerifier.create(db().delete(Book.class).all()).expectNext(3L).verifyComplete();
  }

  @Test
  void dynamicPropertiesAreCheckedAgainstTheModel() {
    assertThat(
            ids(
                db().select(Book.class)
                    .where(Property.named("authorId").eq(2))
                    .orderBy(Property.named("id").asc())))
        .containsExactly(3L);
    StepVerifier.create(
            db().select(Book.class).where(Property.named("title; DROP TABLE book").eq("x")).all())
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(QueryBuildException.class)
                    .hasMessageContaining("known properties")
                    .hasMessageContaining("authorId"))
        .verify();
    assertThat(testDatabase().queryOne("SELECT COUNT(*) FROM book", Long.class)).isEqualTo(5L);
  }

  @Test
  void hostileValuesAreBindsAndRoundTrip() {
    String hostile = "x'); DROP TABLE book; -- \\ \" ' ünïcødé 🚀";
    Book saved = db().insert(Book.of(hostile, 1)).block();
    StepVerifier.create(db().select(Book.class).where(Book_.TITLE.eq(hostile)).one().map(Book::id))
        .expectNext(saved.id())
        .verifyComplete();
    assertThat(testDatabase().queryOne("SELECT COUNT(*) FROM book", Long.class)).isEqualTo(6L);
  }

  @Test
  void toSqlShowsTheStatementWithoutRunningIt() {
    var sql = db().select(Book.class).where(Book_.TITLE.eq("Dune")).toSql();
    assertThat(sql.sql())
        .isEqualTo("SELECT id, title, \"year\", author_id, version FROM book WHERE title = $1");
    assertThat(sql.binds()).singleElement().satisfies(b -> assertThat(b.value()).isEqualTo("Dune"));
  }
}
