package io.r2orm.r2dbc.internal;

import java.time.Duration;

/**
 * What the engine reports about the statements it runs and the relation batches it loads, in its
 * own terms: the API adapts this to its {@code StatementListener}s and their events, so that this
 * package does not depend on the API it serves. Called on the thread that ended the statement:
 * implementations must be fast, thread-safe, must not block and must not throw. Not API.
 */
public interface StatementObserver {
  /** Observes nothing; with it the engine does not even time its statements. */
  StatementObserver NONE =
      new StatementObserver() {
        @Override
        public void statementEnded(
            String sql, Duration elapsed, Outcome outcome, Throwable error) {}

        @Override
        public void relationBatchLoaded(
            Class<?> entity, String relation, int batchSize, int rows, Duration elapsed) {}

        @Override
        public String toString() {
          return "StatementObserver.NONE";
        }
      };

  /** How a statement ended. */
  enum Outcome {
    COMPLETE,
    ERROR,
    CANCEL
  }

  /**
   * A statement ended, once per statement.
   *
   * @param sql its SQL text (never the bound values)
   * @param elapsed time from its subscription to its end
   * @param outcome how it ended
   * @param error the failure when {@code outcome} is {@link Outcome#ERROR}; else null
   */
  void statementEnded(String sql, Duration elapsed, Outcome outcome, Throwable error);

  /**
   * A relation batch of a fetch plan was read to its end (after its statement's own report).
   *
   * @param entity the entity declaring the relation
   * @param relation the relation property
   * @param batchSize the parents (or, for to-one relations, the distinct keys) in the batch
   * @param rows the related rows read
   * @param elapsed time from the batch's subscription to its last row
   */
  void relationBatchLoaded(
      Class<?> entity, String relation, int batchSize, int rows, Duration elapsed);
}
