package io.r2orm.r2dbc.internal;

import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Wrapped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;

/**
 * Reads the rows of a {@link Result} so that a subscriber who goes away leaks no driver buffer
 * (issue #11, finding 9; {@code BufferLeakIT}).
 *
 * <p>r2dbc-postgresql 1.1.3 hands out each result's messages through Reactor's {@code windowUntil}
 * ({@code PostgresqlStatement.execute}); a row ({@code DataRow}) holds slices of pooled Netty
 * buffers, and {@code PostgresqlResult.map} releases each row it reads. When the subscriber of
 * {@code Result.map} cancels while rows wait in the window (a slow consumer, cancelled from another
 * thread), the window drops them through the <em>subscriber's</em> discard hook: the driver's
 * {@code doOnDiscard(ReferenceCounted.class, ReferenceCountUtil::release)} sits on the outer
 * sequence and does not reach them, so nothing releases them ({@code LEAK: DataRow.release() was
 * not called}; about 60 rows per cancelled slow stream). A releasing discard hook here would catch
 * those but not all: the cancel races the window's drain on the event loop, and {@code
 * FluxWindowPredicate.WindowFlux.drainRegular}, for one, drops a row it has just polled when it
 * then sees the cancel (measured: 32 rows left in 100 cancelled streams with such a hook).
 *
 * <p>So the result of a driver with reference-counted buffers is never cancelled: on cancel its
 * rows are requested to the end of what the driver delivers, go through the driver unmapped (it
 * releases each one) and are dropped here. That reads nothing more than a cancel: the driver drains
 * the rest of a cancelled exchange anyway, and the statement's own cancellation (concatMap still
 * cancels the statement's publisher) still closes a paged portal at its next page. A result that
 * the caller cancelled before reading it is read to its end by {@link #consume}. Other drivers'
 * results are cancelled as usual. Not API.
 */
final class ResultRows {
  private static final Logger LOG = LoggerFactory.getLogger(ResultRows.class);
  private static final Object SKIPPED = new Object();
  private static final Map<Class<?>, Boolean> BUFFERED = new ConcurrentHashMap<>();

  private ResultRows() {}

  /**
   * The result's rows through the mapper; a cancelled subscription drains a driver's pooled rows.
   */
  static <T> Flux<T> map(Result result, BiFunction<Row, RowMetadata, T> mapper) {
    if (!referenceCounted(unwrapped(result).getClass())) {
      return Flux.from(result.map(mapper));
    }
    return Flux.defer(
        () -> {
          AtomicBoolean cancelled = new AtomicBoolean();
          // rows read after the cancel are not mapped: decoding their values would be wasted work
          Flux<Object> rows =
              Flux.from(
                  result.map((row, meta) -> cancelled.get() ? SKIPPED : mapper.apply(row, meta)));
          return new DrainOnCancel<T>(rows, cancelled);
        });
  }

  /** Reads a result nobody will map to its end, so that the driver releases what it holds. */
  static void consume(Result result) {
    Flux.from(result.getRowsUpdated())
        .subscribe(null, e -> LOG.debug("Consuming a discarded result failed", e));
  }

  /** The driver's result under wrappers such as r2dbc-proxy's. */
  private static Object unwrapped(Result result) {
    Object inner = result;
    for (int depth = 0;
        depth < 8 && inner instanceof Wrapped<?> wrapped && wrapped.unwrap() != null;
        depth++) {
      inner = wrapped.unwrap();
    }
    return inner;
  }

  /**
   * Whether the result implements Netty's ReferenceCounted (r2dbc-postgresql's does): checked by
   * name, Netty is optional.
   */
  static boolean referenceCounted(Class<?> type) {
    return BUFFERED.computeIfAbsent(type, ResultRows::implementsReferenceCounted);
  }

  private static boolean implementsReferenceCounted(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      for (Class<?> i : c.getInterfaces()) {
        if (i.getName().equals("io.netty.util.ReferenceCounted") || implementsReferenceCounted(i)) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Passes rows on until cancelled; then requests and drops the rest instead of cancelling the
   * source.
   */
  private static final class DrainOnCancel<T> extends Flux<T> {
    private final Flux<Object> source;
    private final AtomicBoolean cancelled;

    DrainOnCancel(Flux<Object> source, AtomicBoolean cancelled) {
      this.source = source;
      this.cancelled = cancelled;
    }

    @Override
    public void subscribe(CoreSubscriber<? super T> actual) {
      source.subscribe(new Drainer<>(actual, cancelled));
    }
  }

  private static final class Drainer<T> implements CoreSubscriber<Object>, Subscription {
    private final CoreSubscriber<? super T> actual;
    private final AtomicBoolean cancelled;
    private Subscription upstream;

    Drainer(CoreSubscriber<? super T> actual, AtomicBoolean cancelled) {
      this.actual = actual;
      this.cancelled = cancelled;
    }

    @Override
    public Context currentContext() {
      return actual.currentContext();
    }

    @Override
    public void onSubscribe(Subscription s) {
      if (Operators.validate(upstream, s)) {
        upstream = s;
        actual.onSubscribe(this);
      }
    }

    @Override
    @SuppressWarnings("unchecked")
    public void onNext(Object row) {
      if (cancelled.get()) {
        if (row != SKIPPED) {
          Operators.onDiscard(row, actual.currentContext());
        }
        return;
      }
      actual.onNext((T) row);
    }

    @Override
    public void onError(Throwable error) {
      if (cancelled.get()) {
        // nobody listens any more; not onErrorDropped, which would log an ERROR for a stream the
        // caller left
        LOG.debug("A cancelled result ended with an error", error);
        return;
      }
      actual.onError(error);
    }

    @Override
    public void onComplete() {
      if (!cancelled.get()) {
        actual.onComplete();
      }
    }

    @Override
    public void request(long n) {
      upstream.request(n);
    }

    @Override
    public void cancel() {
      if (cancelled.compareAndSet(false, true)) {
        upstream.request(Long.MAX_VALUE);
      }
    }
  }
}
