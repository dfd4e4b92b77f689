package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.exception.TooManyParametersException;
import io.r2orm.core.query.Predicate;
import io.r2orm.r2dbc.model.Author;
import io.r2orm.r2dbc.model.Author_;
import io.r2orm.r2dbc.test.DatabaseTest;
import io.r2orm.r2dbc.test.TestDatabase;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

/**
 * The databases' limits surface as the right error or not at all (issue #11, finding 12). Before:
 * 70,000 equalities failed on PostgreSQL as a ConnectionFailureException ("invalid message format
 * [08P01]") and an in(...) of 70,000 values on H2 as an untranslated org.h2 DbException.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class LimitsIT extends DatabaseTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final List<Long> MANY = LongStream.rangeClosed(1, 70_000).boxed().toList();

  private final StatementCounter counter = new StatementCounter();

  @BeforeEach
  void table() {
    db().schema().drop(Author.class).block(WAIT);
    db().schema().create(Author.class).block(WAIT);
    testDatabase()
        .sql(
            "INSERT INTO author (id, name) VALUES (5, 'five'), (69999, 'far'), (70001, 'outside')");
  }

  @Test
  void anInListOfAnySizeWorks() {
    assertThat(
            db().select(Author.class)
                .where(Author_.ID.in(MANY))
                .orderBy(Author_.ID.asc())
                .all()
                .map(Author::getId)
                .collectList()
                .block(WAIT))
        .containsExactly(5L, 69999L);
    assertThat(
            db().select(Author.class)
                .where(Author_.ID.notIn(MANY))
                .all()
                .map(Author::getId)
                .collectList()
                .block(WAIT))
        .containsExactly(70001L);
  }

  @Test
  void moreBindsThanTheDatabaseTakesFailClearlyBeforeAnythingIsSent() {
    Database counted = Database.builder(testDatabase().pool()).listener(counter).build();
    Predicate equalities = Predicate.any(MANY.stream().map(Author_.ID::eq).toList());
    if (kind == TestDatabase.Kind.POSTGRES) {
      StepVerifier.create(counted.select(Author.class).where(equalities).all())
          .expectErrorSatisfies(
              e ->
                  assertThat(e)
                      .isInstanceOf(TooManyParametersException.class)
                      .hasMessageContaining("70000 bind parameters")
                      .hasMessageContaining("in(list)"))
          .verify(WAIT);
      StepVerifier.create(counted.select(Author.class).where(equalities).count())
          .expectError(TooManyParametersException.class)
          .verify(WAIT);
      assertThat(counter.count()).as("statements sent").isZero();
    } else {
      // H2 takes that many binds (evaluating 70,000 ORs there is slow, and not the point)
      assertThat(counted.select(Author.class).where(equalities).toSql().binds()).hasSize(70_000);
    }
  }
}
