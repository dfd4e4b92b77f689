package io.r2orm.r2dbc.internal;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2orm.r2dbc.internal.FakeConnectionFactory.FakeConnection;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;
import reactor.core.publisher.Mono;

/**
 * A connection factory that lends connections the way r2dbc-pool does in the case that matters
 * here: cancelling an acquisition gives the connection back to the pool <em>even after it was
 * emitted</em> (r2dbc-pool's {@code discardOnCancel} releases the pooled ref on a cancel that
 * arrives after the emission). Each acquisition waits until the test calls {@link #lend()}, so a
 * test can race the emission against a cancel. Every connection is new (never lent twice), so any
 * use of a connection after the pool took it back shows in the fake's violations.
 */
final class FakePool implements ConnectionFactory {
  private final FakeConnectionFactory driver;
  private final ConcurrentLinkedQueue<Acquisition> waiting = new ConcurrentLinkedQueue<>();

  FakePool(FakeConnectionFactory driver) {
    this.driver = driver;
  }

  @Override
  public Mono<Connection> create() {
    // a Mono, as r2dbc-pool's: Mono.from(create()) keeps it as it is
    return Mono.fromDirect(
        subscriber -> {
          Acquisition a = new Acquisition(subscriber);
          waiting.add(a);
          subscriber.onSubscribe(a);
        });
  }

  /** Hands a new connection to the oldest waiting acquisition (false if none waits). */
  boolean lend() {
    Acquisition a = waiting.poll();
    if (a == null) {
      return false;
    }
    a.emit();
    return true;
  }

  int waiting() {
    return waiting.size();
  }

  @Override
  public ConnectionFactoryMetadata getMetadata() {
    return () -> "fake-pool";
  }

  private final class Acquisition implements Subscription {
    private final Subscriber<? super Connection> subscriber;
    private final AtomicBoolean released = new AtomicBoolean();
    private volatile boolean cancelled;
    private volatile FakeConnection lent;

    Acquisition(Subscriber<? super Connection> subscriber) {
      this.subscriber = subscriber;
    }

    @Override
    public void request(long n) {
      // the connection comes when the test lends it
    }

    @Override
    public void cancel() {
      cancelled = true;
      waiting.remove(this);
      FakeConnection c = lent;
      if (c != null) {
        // r2dbc-pool: a cancel releases the connection, also one already emitted
        takeBack(c);
      }
    }

    void emit() {
      FakeConnection c = driver.open();
      lent = c;
      if (cancelled) {
        // cancelled before the emission: the pool drops it
        takeBack(c);
        return;
      }
      // a cancel from now on still takes the connection back, after it reached the subscriber
      subscriber.onNext(c);
      subscriber.onComplete();
    }

    private void takeBack(FakeConnection c) {
      if (released.compareAndSet(false, true)) {
        c.takeBack();
      }
    }
  }
}
