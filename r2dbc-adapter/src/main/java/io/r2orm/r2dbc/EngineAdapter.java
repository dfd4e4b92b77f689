package io.r2orm.r2dbc;

import io.r2dbc.spi.Connection;
import io.r2orm.r2dbc.internal.ExternalJoin;
import io.r2orm.r2dbc.internal.StatementObserver;
import io.r2orm.r2dbc.internal.TransactionSpec;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Translates the public types the engine needs into the engine's own ({@code
 * io.r2orm.r2dbc.internal} does not know the API it serves, so that dependencies between the two
 * packages point one way): transaction options, statement listeners, external transactions.
 */
final class EngineAdapter {
  private static final Logger SQL_LOG = LoggerFactory.getLogger("io.r2orm.sql");

  private EngineAdapter() {}

  /** The engine's form of transaction options. */
  static TransactionSpec spec(TransactionOptions options) {
    return new TransactionSpec(
        options.isolation(),
        options.readOnly(),
        options.timeout(),
        options.propagation() == TransactionOptions.Propagation.NESTED,
        options.rollbackOnly());
  }

  /**
   * An observer that tells every listener, in order, about each statement and relation batch; a
   * listener that throws is logged and does not keep the others from hearing. {@link
   * StatementObserver#NONE} when there are no listeners, so that the engine does not time
   * statements nobody listens to.
   */
  static StatementObserver observer(List<StatementListener> listeners) {
    return listeners.isEmpty() ? StatementObserver.NONE : new Listeners(List.copyOf(listeners));
  }

  /** The engine's view of external transactions, or null when there are none. */
  static @Nullable ExternalJoin join(@Nullable ExternalTransactions external) {
    if (external == null) {
      return null;
    }
    return new ExternalJoin() {
      @Override
      public Mono<Connection> join() {
        return external.join();
      }

      @Override
      public Publisher<Void> leave(Connection connection) {
        return external.leave(connection);
      }

      @Override
      public String toString() {
        return external.toString();
      }
    };
  }

  private record Listeners(List<StatementListener> listeners) implements StatementObserver {
    @Override
    public void statementEnded(String sql, Duration elapsed, Outcome outcome, Throwable error) {
      StatementEvent event =
          new StatementEvent(
              sql,
              elapsed,
              switch (outcome) {
                case COMPLETE -> StatementEvent.Outcome.COMPLETE;
                case ERROR -> StatementEvent.Outcome.ERROR;
                case CANCEL -> StatementEvent.Outcome.CANCEL;
              },
              error);
      for (StatementListener listener : listeners) {
        try {
          listener.onStatement(event);
        } catch (RuntimeException e) {
          SQL_LOG.warn("Statement listener {} failed", listener, e);
        }
      }
    }

    @Override
    public void relationBatchLoaded(
        Class<?> entity, String relation, int batchSize, int rows, Duration elapsed) {
      RelationBatchEvent event = new RelationBatchEvent(entity, relation, batchSize, rows, elapsed);
      for (StatementListener listener : listeners) {
        try {
          listener.onRelationBatch(event);
        } catch (RuntimeException e) {
          SQL_LOG.warn("Statement listener {} failed", listener, e);
        }
      }
    }
  }
}
