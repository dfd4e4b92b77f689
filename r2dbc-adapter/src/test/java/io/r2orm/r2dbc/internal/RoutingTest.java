package io.r2orm.r2dbc.internal;

import static io.r2orm.r2dbc.internal.FakeConnectionFactory.error;
import static io.r2orm.r2dbc.internal.FakeConnectionFactory.rows;
import static io.r2orm.r2dbc.internal.Fixtures.INT;
import static io.r2orm.r2dbc.internal.Fixtures.WAIT;
import static io.r2orm.r2dbc.internal.Fixtures.sql;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.IsolationLevel;
import io.r2dbc.spi.R2dbcNonTransientResourceException;
import io.r2orm.core.exception.ConnectionFailureException;
import io.r2orm.core.exception.R2ormException;
import io.r2orm.core.sql.SqlStatement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Where the engine runs each kind of work when it has read replicas, and what it sends for a
 * transaction-local statement timeout (issue #13), against scripted primaries and replicas.
 */
class RoutingTest {
  private static final SqlStatement SELECT = sql("SELECT a FROM t WHERE b = $1", 1);
  private static final TransactionSpec READ_ONLY =
      new TransactionSpec(null, true, null, false, false);

  private final FakeConnectionFactory primary = new FakeConnectionFactory();
  private final FakeConnectionFactory replica = new FakeConnectionFactory();

  private Executor executor(
      List<FakeConnectionFactory> replicas, boolean fallback, Duration timeout, String local) {
    return new Executor(
        primary,
        List.copyOf(replicas),
        fallback,
        true,
        3,
        3,
        StatementObserver.NONE,
        timeout,
        local,
        null);
  }

  @AfterEach
  void noMisuse() {
    for (FakeConnectionFactory fake : List.of(primary, replica)) {
      assertThat(fake.violations()).isEmpty();
      assertThat(fake.openNow()).as("connections left open").isZero();
    }
  }

  @Test
  void aReadOnlyTransactionRunsOnTheReplicaAndEveryOtherOnThePrimary() {
    Executor executor = executor(List.of(replica), false, null, null);
    replica.on(SELECT.sql(), rows(1));
    primary.on(SELECT.sql(), rows(2), rows(3));

    StepVerifier.create(executor.inTransaction(READ_ONLY, tx -> tx.read(SELECT, INT)))
        .expectNext(1)
        .verifyComplete();
    StepVerifier.create(
            executor.inTransaction(
                new TransactionSpec(IsolationLevel.SERIALIZABLE, true, null, false, false),
                tx -> tx.read(SELECT, INT)))
        .expectNext(2)
        .verifyComplete();
    StepVerifier.create(executor.inTransaction(tx -> tx.read(SELECT, INT)))
        .expectNext(3)
        .verifyComplete();

    assertThat(replica.log())
        .containsExactly(
            "open c1", "c1 BEGIN READ ONLY", "c1 " + SELECT.sql(), "c1 COMMIT", "close c1");
    assertThat(primary.log())
        .containsExactly(
            "open c1",
            "c1 BEGIN ISOLATION LEVEL SERIALIZABLE READ ONLY",
            "c1 " + SELECT.sql(),
            "c1 COMMIT",
            "close c1",
            "open c2",
            "c2 BEGIN",
            "c2 " + SELECT.sql(),
            "c2 COMMIT",
            "close c2");
  }

  @Test
  void statementsOutsideTransactionsRunOnThePrimaryUnlessThroughTheReplicaView() {
    Executor executor = executor(List.of(replica), false, null, null);
    primary.on(SELECT.sql(), rows(1));
    replica.on(SELECT.sql(), rows(2));

    StepVerifier.create(executor.read(SELECT, INT)).expectNext(1).verifyComplete();
    StepVerifier.create(executor.onReplica().read(SELECT, INT)).expectNext(2).verifyComplete();

    assertThat(primary.log()).containsExactly("open c1", "c1 " + SELECT.sql(), "close c1");
    assertThat(replica.log()).containsExactly("open c1", "c1 " + SELECT.sql(), "close c1");
    Executor single = executor(List.of(), false, null, null);
    assertThat(single.onReplica()).as("no replicas: the view is the executor").isSameAs(single);
  }

  @Test
  void severalReplicasTakeTurnsAndAnUnreachableOneIsSkipped() {
    FakeConnectionFactory second = new FakeConnectionFactory();
    Executor executor = executor(List.of(replica, second), false, null, null);
    for (int i = 0; i < 4; i++) {
      StepVerifier.create(executor.inTransaction(READ_ONLY, tx -> tx.read(SELECT, INT)))
          .verifyComplete();
    }
    assertThat(replica.log()).filteredOn(line -> line.startsWith("open")).hasSize(2);
    assertThat(second.log()).filteredOn(line -> line.startsWith("open")).hasSize(2);

    second.acquisition(
        () -> Mono.error(new R2dbcNonTransientResourceException("Connection refused")));
    for (int i = 0; i < 2; i++) {
      StepVerifier.create(executor.inTransaction(READ_ONLY, tx -> tx.read(SELECT, INT)))
          .verifyComplete();
    }
    assertThat(replica.log()).filteredOn(line -> line.startsWith("open")).hasSize(4);
    assertThat(second.openNow()).isZero();
  }

  @Test
  void unreachableReplicasFailOrFallBackToThePrimary() {
    replica.acquisition(
        () -> Mono.error(new R2dbcNonTransientResourceException("Connection refused")));

    StepVerifier.create(
            executor(List.of(replica), false, null, null)
                .inTransaction(READ_ONLY, tx -> tx.read(SELECT, INT)))
        .expectError(ConnectionFailureException.class)
        .verify(WAIT);
    assertThat(primary.log()).isEmpty();

    primary.on(SELECT.sql(), rows(7));
    StepVerifier.create(
            executor(List.of(replica), true, null, null)
                .inTransaction(READ_ONLY, tx -> tx.read(SELECT, INT)))
        .expectNext(7)
        .verifyComplete();
    assertThat(primary.log())
        .containsExactly(
            "open c1", "c1 BEGIN READ ONLY", "c1 " + SELECT.sql(), "c1 COMMIT", "close c1");
  }

  @Test
  void aTransactionLocalTimeoutWrapsStatementsOutsideTransactionsAndSetsNothingOnTheConnection() {
    String local = "SET LOCAL statement_timeout = 300";
    Executor executor = executor(List.of(), false, Duration.ofMillis(300), local);
    primary.on(SELECT.sql(), rows(1), rows(2));

    StepVerifier.create(executor.read(SELECT, INT)).expectNext(1).verifyComplete();
    StepVerifier.create(executor.inTransaction(tx -> tx.read(SELECT, INT)))
        .expectNext(2)
        .verifyComplete();

    assertThat(primary.log())
        .containsExactly(
            "open c1",
            "c1 BEGIN",
            "c1 " + local,
            "c1 " + SELECT.sql(),
            "c1 COMMIT",
            "close c1",
            "open c2",
            "c2 BEGIN",
            "c2 " + local,
            "c2 " + SELECT.sql(),
            "c2 COMMIT",
            "close c2");
  }

  @Test
  void withoutATransactionLocalTimeoutTheConnectionGetsItOncePerCheckout() {
    Executor executor = executor(List.of(), false, Duration.ofMillis(300), null);
    StepVerifier.create(executor.read(SELECT, INT)).verifyComplete();
    assertThat(primary.log())
        .containsExactly(
            "open c1", "c1 SET statement_timeout 300", "c1 " + SELECT.sql(), "close c1");
  }

  @Test
  void aConnectionLostUnderAReadOnlyTransactionIsRetryableAndUnderAnyOtherIsNot() {
    Executor executor = executor(List.of(), false, null, null);
    primary.on(
        SELECT.sql(),
        error(
            new R2dbcNonTransientResourceException(
                "Cannot exchange messages because the connection " + "is closed", "08006")),
        error(
            new R2dbcNonTransientResourceException(
                "Cannot exchange messages because the " + "connection is closed", "08006")));

    StepVerifier.create(executor.inTransaction(READ_ONLY, tx -> tx.read(SELECT, INT)))
        .expectErrorSatisfies(
            e -> {
              assertThat(e)
                  .isInstanceOf(ConnectionFailureException.class)
                  .hasMessageContaining("read-only")
                  .hasMessageContaining("connection is closed");
              assertThat(R2ormException.isRetryable(e)).isTrue();
            })
        .verify(WAIT);
    StepVerifier.create(executor.inTransaction(tx -> tx.read(SELECT, INT)))
        .expectErrorSatisfies(
            e -> {
              assertThat(e).isInstanceOf(ConnectionFailureException.class);
              assertThat(R2ormException.isRetryable(e)).isFalse();
            })
        .verify(WAIT);
  }
}
