package io.r2orm.spring;

import io.r2dbc.pool.ConnectionPool;
import io.r2orm.r2dbc.ReplicaFallback;

/**
 * The read replica the starter configured from {@code r2orm.read-replica.*}: its pool and what
 * replica work does when it cannot be reached. A bean of its own type, not a {@code
 * ConnectionFactory}, so that injecting the application's factory stays unambiguous.
 */
public final class R2ormReadReplica {
  private final ConnectionPool pool;
  private final ReplicaFallback fallback;

  public R2ormReadReplica(ConnectionPool pool, ReplicaFallback fallback) {
    this.pool = pool;
    this.fallback = fallback;
  }

  public ConnectionPool pool() {
    return pool;
  }

  public ReplicaFallback fallback() {
    return fallback;
  }

  /** Closes the replica's pool. */
  public void dispose() {
    pool.dispose();
  }
}
