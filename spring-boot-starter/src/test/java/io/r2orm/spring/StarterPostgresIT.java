package io.r2orm.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2orm.r2dbc.Database;
import io.r2orm.spring.app.Note;
import io.r2orm.spring.app.NoteService;
import io.r2orm.spring.app.Note_;
import io.r2orm.spring.app.StarterTestApplication;
import io.r2orm.spring.app.Tag;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The starter in a Spring Boot application on PostgreSQL: transactions, metrics, binary results.
 */
@SpringBootTest(
    classes = StarterTestApplication.class,
    properties = "management.metrics.enable.all=true")
class StarterPostgresIT {
  private static final String SCHEMA = "r2orm_starter_it";

  @DynamicPropertySource
  static void postgres(DynamicPropertyRegistry registry) {
    String url = io.r2orm.testsupport.TestPostgres.url();
    ConnectionFactory plain = ConnectionFactories.get(url);
    Mono.usingWhen(
            Mono.from(plain.create()),
            c ->
                Mono.from(c.createStatement("CREATE SCHEMA IF NOT EXISTS " + SCHEMA).execute())
                    .flatMap(r -> Mono.from(r.getRowsUpdated())),
            c -> c.close())
        .block(Duration.ofSeconds(30));
    registry.add("spring.r2dbc.url", () -> url + "?schema=" + SCHEMA);
    registry.add("spring.r2dbc.pool.max-size", () -> "4");
    registry.add("spring.r2dbc.pool.initial-size", () -> "1");
  }

  @Autowired Database db;
  @Autowired NoteService notes;
  @Autowired TransactionalOperator operator;
  @Autowired MeterRegistry meters;
  @Autowired io.r2orm.spring.app.NoteRepository repository;

  @BeforeEach
  void tables() {
    db.schema().drop(Tag.class, Note.class).block(Duration.ofSeconds(10));
    db.schema().create(Note.class, Tag.class).block(Duration.ofSeconds(10));
  }

  @Test
  void transactionalRollsBackEveryR2ormStatementOfTheMethod() {
    StepVerifier.create(notes.insertTwoThenFail())
        .expectErrorMessage("boom")
        .verify(Duration.ofSeconds(10));
    assertThat(db.select(Note.class).count().block()).isZero();
  }

  @Test
  void r2ormsOwnTransactionJoinsTheSpringTransaction() {
    assertThat(notes.insertTwo().block(Duration.ofSeconds(10))).isEqualTo(2L);
    assertThat(db.select(Note.class).count().block()).isEqualTo(2L);
  }

  @Test
  void scannedRepositoriesJoinSpringTransactions() {
    StepVerifier.create(
            operator.transactional(
                repository
                    .saveAll(List.of(Note.of("r1"), Note.of("r2")))
                    .then(Mono.error(new IllegalStateException("undo")))))
        .expectErrorMessage("undo")
        .verify(Duration.ofSeconds(10));
    assertThat(repository.count().block()).isZero();
    operator.transactional(repository.save(Note.of("kept"))).block(Duration.ofSeconds(10));
    assertThat(
            repository
                .findByTextStartingWithOrderByTextAsc("ke")
                .map(Note::text)
                .collectList()
                .block())
        .containsExactly("kept");
  }

  @Test
  void transactionalOperatorRollsBackOnError() {
    Mono<Note> work = db.insert(Note.of("kept?")).then(Mono.error(new IllegalStateException("no")));
    StepVerifier.create(operator.transactional(work))
        .expectError(IllegalStateException.class)
        .verify(Duration.ofSeconds(10));
    assertThat(db.select(Note.class).count().block()).isZero();
    Note kept = operator.transactional(db.insert(Note.of("kept"))).block(Duration.ofSeconds(10));
    assertThat(db.findById(Note.class, kept.id()).block()).isNotNull();
  }

  @Test
  void streamingWithRelationsInsideASpringTransactionCanWriteAsItReads() {
    List<Note> stored =
        db.insertAll(
                java.util.stream.IntStream.range(0, 30).mapToObj(i -> Note.of("n" + i)).toList())
            .collectList()
            .block();
    db.insertAll(stored.stream().map(n -> new Tag(null, n.id(), "t")).toList()).then().block();
    // a cursor keeps the one transactional connection free for the relation queries and the updates
    // between windows
    Long updated =
        operator
            .transactional(
                db.select(Note.class)
                    .orderBy(Note_.ID.asc())
                    .fetch(Note_.TAGS)
                    .window(7)
                    .all()
                    .concatMap(
                        n ->
                            db.update(Note.class)
                                .set(Note_.TEXT, n.text() + "!" + n.tags().size())
                                .where(Note_.ID.eq(n.id()))
                                .execute()))
            .reduce(0L, Long::sum)
            .block(Duration.ofSeconds(30));
    assertThat(updated).isEqualTo(30L);
    assertThat(db.select(Note.class).where(Note_.TEXT.endsWith("!1")).count().block())
        .isEqualTo(30L);
  }

  @Test
  void twoStreamsOpenAtOnceInOneSpringTransactionUseTwoCursors() {
    // longer than the probe (256 rows): in a transaction, each stream reads through a cursor
    db.insertAll(java.util.stream.IntStream.range(0, 300).mapToObj(i -> Note.of("n" + i)).toList())
        .then()
        .block();
    // each stream joins the Spring transaction's connection on its own; the zip keeps both cursors
    // open at once
    var both =
        reactor.core.publisher.Flux.zip(
            db.select(Note.class).orderBy(Note_.ID.asc()).all(),
            db.select(Note.class).orderBy(Note_.ID.desc()).all());
    List<String> pairs =
        operator
            .transactional(both.map(t -> t.getT1().text() + "/" + t.getT2().text()))
            .collectList()
            .block(Duration.ofSeconds(30));
    assertThat(pairs).hasSize(300).startsWith("n0/n299").endsWith("n299/n0");
  }

  @Test
  void statementsAndRelationBatchesShowInMicrometer() {
    List<Note> stored =
        db.insertAll(List.of(Note.of("a"), Note.of("b"), Note.of("c"))).collectList().block();
    db.insertAll(
            List.of(
                new Tag(null, stored.get(0).id(), "x"),
                new Tag(null, stored.get(0).id(), "y"),
                new Tag(null, stored.get(2).id(), "z")))
        .then()
        .block();
    double selectsBefore = count("r2orm.statements", "select", "starter_note");
    List<Note> loaded =
        db.select(Note.class).orderBy(Note_.ID.asc()).fetch(Note_.TAGS).all().collectList().block();
    assertThat(loaded.get(0).tags()).hasSize(2);
    assertThat(count("r2orm.statements", "select", "starter_note") - selectsBefore).isEqualTo(1.0);
    assertThat(
            meters
                .get("r2orm.relation.batches")
                .tags("entity", "Note", "relation", "tags")
                .timer()
                .count())
        .isEqualTo(1L);
    assertThat(
            meters
                .get("r2orm.relation.batch.size")
                .tags("entity", "Note", "relation", "tags")
                .summary()
                .totalAmount())
        .isEqualTo(3.0);
    assertThat(
            meters
                .get("r2orm.relation.batch.rows")
                .tags("entity", "Note", "relation", "tags")
                .summary()
                .totalAmount())
        .isEqualTo(3.0);
  }

  @Test
  void aThousandTransactionalStreamsThroughCursorsKeepTheNumberOfMetersFixed() {
    // longer than the probe window (256), so that every stream in a transaction reads through a
    // cursor
    db.insertAll(java.util.stream.IntStream.range(0, 300).mapToObj(i -> Note.of("n" + i)).toList())
        .then()
        .block();
    reactor.core.publisher.Flux.range(0, 10)
        .concatMap(i -> db.transaction(tx -> tx.select(Note.class).all().count()))
        .blockLast(Duration.ofSeconds(30));
    long metersAfterTen = meters.find("r2orm.statements").meters().size();
    reactor.core.publisher.Flux.range(0, 1_000)
        .concatMap(i -> db.transaction(tx -> tx.select(Note.class).all().count()))
        .blockLast(Duration.ofSeconds(120));
    assertThat(meters.find("r2orm.statements").meters()).hasSize((int) metersAfterTen);
    assertThat(count("r2orm.statements", "fetch", "cursor")).isGreaterThanOrEqualTo(1_010.0);
  }

  @Test
  void theSubscribersContextReachesSpringsRoutingConnectionFactory() {
    ConnectionFactory a =
        ConnectionFactories.get("r2dbc:h2:mem:///routing_a?options=DB_CLOSE_DELAY=-1");
    ConnectionFactory b =
        ConnectionFactories.get("r2dbc:h2:mem:///routing_b?options=DB_CLOSE_DELAY=-1");
    org.springframework.r2dbc.connection.lookup.AbstractRoutingConnectionFactory routing =
        new org.springframework.r2dbc.connection.lookup.AbstractRoutingConnectionFactory() {
          @Override
          protected Mono<Object> determineCurrentLookupKey() {
            return Mono.deferContextual(context -> Mono.justOrEmpty(context.getOrEmpty("tenant")));
          }
        };
    routing.setTargetConnectionFactories(java.util.Map.of("a", a, "b", b));
    routing.setDefaultTargetConnectionFactory(a);
    routing.afterPropertiesSet();
    Database routed =
        Database.builder(routing).dialect(io.r2orm.core.dialect.H2Dialect.INSTANCE).build();
    for (String tenant : List.of("a", "b")) {
      routed
          .schema()
          .create(Note.class)
          .contextWrite(reactor.util.context.Context.of("tenant", tenant))
          .block(Duration.ofSeconds(10));
    }
    routed
        .insert(Note.of("only in b"))
        .contextWrite(reactor.util.context.Context.of("tenant", "b"))
        .block(Duration.ofSeconds(10));
    routed
        .transaction(tx -> tx.insert(Note.of("also in b")))
        .contextWrite(reactor.util.context.Context.of("tenant", "b"))
        .blockLast(Duration.ofSeconds(10));
    assertThat(
            routed
                .select(Note.class)
                .count()
                .contextWrite(reactor.util.context.Context.of("tenant", "b"))
                .block(Duration.ofSeconds(10)))
        .isEqualTo(2L);
    assertThat(
            routed
                .select(Note.class)
                .count()
                .contextWrite(reactor.util.context.Context.of("tenant", "a"))
                .block(Duration.ofSeconds(10)))
        .isZero();
  }

  private double count(String name, String operation, String table) {
    return meters.find(name).tags("operation", operation, "table", table).timers().stream()
        .mapToDouble(t -> t.count())
        .sum();
  }
}
