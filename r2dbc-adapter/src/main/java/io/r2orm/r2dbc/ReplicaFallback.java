package io.r2orm.r2dbc;

/**
 * What work meant for a read replica does when no replica can be reached (see {@link
 * Database.Builder#replicaFallback}).
 */
public enum ReplicaFallback {
  /**
   * Fail with a {@link io.r2orm.core.exception.ConnectionFailureException}: the primary is kept for
   * writes.
   */
  FAIL,
  /**
   * Run on the primary instead: reads keep working, and load the primary, while the replicas are
   * down.
   */
  PRIMARY
}
