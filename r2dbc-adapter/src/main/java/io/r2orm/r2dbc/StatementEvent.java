package io.r2orm.r2dbc;

import java.time.Duration;
import java.util.Objects;

/**
 * One statement that ran: its SQL (never the bound values), how long it took from subscription to
 * its end, and how it ended.
 *
 * @param sql the SQL text
 * @param elapsed time from subscription to completion, error or cancellation
 * @param outcome how it ended
 * @param error the failure, when {@code outcome} is {@link Outcome#ERROR}; else null
 */
public record StatementEvent(String sql, Duration elapsed, Outcome outcome, Throwable error) {
  public StatementEvent {
    Objects.requireNonNull(sql, "sql must not be null");
    Objects.requireNonNull(elapsed, "elapsed must not be null");
    Objects.requireNonNull(outcome, "outcome must not be null");
  }

  /** How a statement ended. */
  public enum Outcome {
    COMPLETE,
    ERROR,
    CANCEL
  }
}
