package io.r2orm.r2dbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.util.AbstractReferenceCounted;
import io.netty.util.ReferenceCounted;
import io.r2dbc.spi.Result;
import io.r2dbc.spi.Row;
import io.r2dbc.spi.RowMetadata;
import io.r2dbc.spi.Wrapped;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

/**
 * How {@link ResultRows} ends the reading of a result whose subscriber cancels, without a database.
 */
class ResultRowsTest {
  private final TestPublisher<Integer> rows = TestPublisher.create();
  private final TestPublisher<Long> counts = TestPublisher.create();
  private final AtomicInteger mapped = new AtomicInteger();
  private final BiFunction<Row, RowMetadata, Integer> mapper =
      (row, meta) -> {
        mapped.incrementAndGet();
        return row.get(0, Integer.class);
      };

  @Test
  void aBufferedResultIsDrainedNotCancelledAndTheRestIsNotMapped() {
    StepVerifier.create(ResultRows.map(new BufferedResult(), mapper), 2)
        .then(() -> rows.next(1, 2))
        .expectNext(1, 2)
        .thenCancel()
        .verify();
    rows.assertWasNotCancelled();
    rows.assertMinRequested(Long.MAX_VALUE - 2);
    rows.next(3, 4).complete();
    assertThat(mapped).as("rows mapped: only those before the cancel").hasValue(2);
  }

  @Test
  void aBufferedResultUnderAWrapperIsDrainedToo() {
    Result proxy = new WrappingResult(new BufferedResult());
    StepVerifier.create(ResultRows.map(proxy, mapper), 1)
        .then(() -> rows.next(1))
        .expectNext(1)
        .thenCancel()
        .verify();
    rows.assertWasNotCancelled();
    assertThat(ResultRows.referenceCounted(WrappingResult.class))
        .as("the wrapper itself")
        .isFalse();
  }

  @Test
  void anErrorAfterTheCancelReachesNobody() {
    StepVerifier.create(ResultRows.map(new BufferedResult(), mapper), 1)
        .then(() -> rows.next(1))
        .expectNext(1)
        .thenCancel()
        .verify();
    rows.error(new IllegalStateException("connection closed"));
  }

  @Test
  void otherResultsAreCancelledAsUsual() {
    StepVerifier.create(ResultRows.map(new PlainResult(), mapper), 1)
        .then(() -> rows.next(1))
        .expectNext(1)
        .thenCancel()
        .verify();
    rows.assertCancelled();
  }

  @Test
  void aResultNobodyReadsIsConsumed() {
    ResultRows.consume(new PlainResult());
    counts.assertWasSubscribed();
    counts.error(new IllegalStateException("is only logged at DEBUG"));
  }

  private static Row row(Integer value) {
    return new Row() {
      @Override
      public RowMetadata getMetadata() {
        return null;
      }

      @Override
      public <T> T get(int index, Class<T> type) {
        return type.cast(value);
      }

      @Override
      public <T> T get(String name, Class<T> type) {
        return type.cast(value);
      }
    };
  }

  /** A result of a driver without pooled buffers. */
  private class PlainResult implements Result {
    @Override
    public Publisher<Long> getRowsUpdated() {
      return counts;
    }

    @Override
    public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> f) {
      return Flux.from(rows).map(v -> f.apply(row(v), null));
    }

    @Override
    public Result filter(Predicate<Segment> filter) {
      return this;
    }

    @Override
    public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> f) {
      return Flux.empty();
    }
  }

  /** A result that is reference counted, as r2dbc-postgresql's is. */
  private final class BufferedResult extends AbstractReferenceCounted implements Result {
    private final PlainResult plain = new PlainResult();

    @Override
    public Publisher<Long> getRowsUpdated() {
      return plain.getRowsUpdated();
    }

    @Override
    public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> f) {
      return plain.map(f);
    }

    @Override
    public Result filter(Predicate<Segment> filter) {
      return this;
    }

    @Override
    public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> f) {
      return Flux.empty();
    }

    @Override
    protected void deallocate() {}

    @Override
    public ReferenceCounted touch(Object hint) {
      return this;
    }
  }

  /** A wrapper such as r2dbc-proxy's: not reference counted itself. */
  private record WrappingResult(Result inner) implements Result, Wrapped<Result> {
    @Override
    public Result unwrap() {
      return inner;
    }

    @Override
    public Publisher<Long> getRowsUpdated() {
      return inner.getRowsUpdated();
    }

    @Override
    public <T> Publisher<T> map(BiFunction<Row, RowMetadata, ? extends T> f) {
      return inner.map(f);
    }

    @Override
    public Result filter(Predicate<Segment> filter) {
      return this;
    }

    @Override
    public <T> Publisher<T> flatMap(Function<Segment, ? extends Publisher<? extends T>> f) {
      return Flux.empty();
    }
  }
}
