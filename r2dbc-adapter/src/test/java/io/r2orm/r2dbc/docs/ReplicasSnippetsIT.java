package io.r2orm.r2dbc.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.pool.ConnectionPool;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.ReplicaFallback;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;

/**
 * The Java snippets of {@code docs/replicas-and-poolers.md}, compiled and run on H2 and PostgreSQL
 * with the test database standing in for both the primary and its replica (routing to a real hot
 * standby is {@code ReplicaIT}'s subject); {@link DocSnippetsTest} compares them with the page.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class ReplicasSnippetsIT extends DatabaseTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void aDatabaseWithAReplica() {
    ConnectionPool primaryPool = testDatabase().pool();
    ConnectionPool replicaPool = testDatabase().pool();
    testDatabase().sql("DROP TABLE IF EXISTS book");
    // replicas-and-poolers.md
    Database db = Database.builder(primaryPool)
        .readReplica(replicaPool)                  // call again for more replicas
        .replicaFallback(ReplicaFallback.PRIMARY)  // default FAIL
        .build();
    // replicas-and-poolers.md: end
    db.schema().create(Book.class).block(WAIT);
    db.insertAll(List.of(new Book(null, "B", 2000, null, null, 0), new Book(null, "A", 2001, null, null, 0)))
        .blockLast(WAIT);
    // replicas-and-poolers.md
    Flux<Book> catalogue = db.onReplica().select(Book.class).orderBy(Book_.TITLE.asc()).all();
    // replicas-and-poolers.md: end
    assertThat(catalogue.map(Book::title).collectList().block(WAIT)).containsExactly("A", "B");
    assertThat(db.onReplica()).isNotSameAs(db);
  }
}
