package io.r2orm.r2dbc.internal;

import static io.r2orm.r2dbc.internal.Fixtures.WAIT;
import static io.r2orm.r2dbc.internal.Fixtures.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * The unit of work's guard: its end waits for every statement being handed to the driver, and
 * refuses statements after it; cursor names per connection.
 */
class SessionTest {
  private final FakeConnectionFactory fake = new FakeConnectionFactory();
  private final Connection connection = fake.open();
  private final Session session = new Session(connection, true);

  @Test
  void endCompletesOnlyAfterTheStatementBeingHandedToTheDriver() throws InterruptedException {
    CountDownLatch inSubscribe = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread worker =
        new Thread(
            () ->
                Mono.fromDirect(
                        session.run(
                            c ->
                                subscriber -> {
                                  // the driver encodes the statement inside subscribe
                                  inSubscribe.countDown();
                                  await(release);
                                  fake.note("statement handed over");
                                  Mono.<Integer>empty().subscribe(subscriber);
                                },
                            Executor::ended))
                    .subscribe(),
            "statement");
    worker.start();
    await(inSubscribe);

    AtomicBoolean ended = new AtomicBoolean();
    session
        .end()
        .subscribe(
            null,
            null,
            () -> {
              ended.set(true);
              fake.note("ended");
            });
    assertThat(ended).as("end waits for the statement in flight").isFalse();
    assertThat(session.ended()).as("but refuses new ones at once").isTrue();

    release.countDown();
    worker.join(WAIT.toMillis());
    assertThat(ended).isTrue();
    assertThat(fake.log()).endsWith("statement handed over", "ended");
  }

  @Test
  void endWithNothingInFlightCompletesAtOnceAndIsIdempotent() {
    StepVerifier.create(session.end()).expectComplete().verify(WAIT);
    StepVerifier.create(session.end()).expectComplete().verify(WAIT);
    assertThat(session.ended()).isTrue();
  }

  @Test
  void aStatementAfterTheEndIsRefusedAndNeverReachesTheConnection() {
    StepVerifier.create(session.end()).expectComplete().verify(WAIT);
    AtomicBoolean called = new AtomicBoolean();

    StepVerifier.create(
            session.run(
                c -> {
                  called.set(true);
                  return c.createStatement("SELECT 1").execute();
                },
                Executor::ended))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("already ended"))
        .verify(WAIT);

    assertThat(called).isFalse();
    assertThat(fake.executed()).isEmpty();
  }

  @Test
  void aWorkThatThrowsInSubscribeFailsTheStatementAndDoesNotHoldTheEnd() {
    IllegalArgumentException thrown = new IllegalArgumentException("bad bind");
    StepVerifier.create(
            session.run(
                c -> {
                  throw thrown;
                },
                Executor::ended))
        .expectErrorMatches(e -> e == thrown)
        .verify(WAIT);

    StepVerifier.create(session.end()).expectComplete().verify(WAIT);
  }

  @Test
  void endWaitsForEveryStatementInFlightNotOnlyTheFirst() throws InterruptedException {
    CountDownLatch inSubscribe = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      Thread t =
          new Thread(
              () ->
                  Mono.fromDirect(
                          session.run(
                              c ->
                                  subscriber -> {
                                    inSubscribe.countDown();
                                    await(release);
                                    Mono.<Integer>empty().subscribe(subscriber);
                                  },
                              Executor::ended))
                      .subscribe());
      workers.add(t);
      t.start();
    }
    await(inSubscribe);
    AtomicBoolean ended = new AtomicBoolean();
    session.end().subscribe(null, null, () -> ended.set(true));
    assertThat(ended).isFalse();

    release.countDown();
    for (Thread t : workers) {
      t.join(WAIT.toMillis());
    }
    assertThat(ended).isTrue();
  }

  @Test
  void cursorNamesAreTheLowestFreeSlot() {
    assertThat(session.openCursor()).isEqualTo("r2orm_cursor_0");
    assertThat(session.openCursor()).isEqualTo("r2orm_cursor_1");
    assertThat(session.openCursor()).isEqualTo("r2orm_cursor_2");
    session.closeCursor("r2orm_cursor_0");
    assertThat(session.openCursor()).as("a freed name is reused").isEqualTo("r2orm_cursor_0");
    session.closeCursor("r2orm_cursor_1");
    session.closeCursor("r2orm_cursor_2");
    session.closeCursor("r2orm_cursor_0");
    assertThat(session.openCursor()).isEqualTo("r2orm_cursor_0");
  }

  @Test
  void moreThan64OpenCursorsFailLoudly() {
    for (int i = 0; i < 64; i++) {
      assertThat(session.openCursor()).isEqualTo("r2orm_cursor_" + i);
    }
    assertThatThrownBy(session::openCursor)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("64");
  }

  @Test
  void rollbackOnlyKeepsTheFirstCause() {
    RuntimeException first = new RuntimeException("first");
    session.setRollbackOnly(first);
    session.setRollbackOnly(new RuntimeException("second"));
    assertThat(session.rollbackOnly()).isSameAs(first);
  }
}
