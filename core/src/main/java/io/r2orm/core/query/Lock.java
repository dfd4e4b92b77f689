package io.r2orm.core.query;

import java.util.Objects;

/**
 * Row locking for a select inside a transaction: {@code FOR UPDATE} or {@code FOR SHARE}, and what
 * to do about rows another transaction holds — wait (the default), fail at once ({@code NOWAIT}),
 * or leave them out ({@code SKIP LOCKED}, for work queues).
 *
 * @param mode the lock strength
 * @param waitPolicy what to do about locked rows
 */
public record Lock(Mode mode, Wait waitPolicy) {
  public Lock {
    Objects.requireNonNull(mode, "mode must not be null");
    Objects.requireNonNull(waitPolicy, "waitPolicy must not be null");
  }

  /** Lock strengths. */
  public enum Mode {
    UPDATE,
    SHARE
  }

  /** What to do about rows locked by another transaction. */
  public enum Wait {
    WAIT,
    NOWAIT,
    SKIP_LOCKED
  }

  /** {@code FOR UPDATE}, waiting for locked rows. */
  public static Lock forUpdate() {
    return new Lock(Mode.UPDATE, Wait.WAIT);
  }

  /** {@code FOR SHARE}, waiting for locked rows. */
  public static Lock forShare() {
    return new Lock(Mode.SHARE, Wait.WAIT);
  }

  /** The same lock, failing at once on a locked row. */
  public Lock noWait() {
    return new Lock(mode, Wait.NOWAIT);
  }

  /** The same lock, leaving locked rows out of the result. */
  public Lock skipLocked() {
    return new Lock(mode, Wait.SKIP_LOCKED);
  }
}
