package io.r2orm.r2dbc.test;

import io.r2orm.r2dbc.Database;

/**
 * What reading the parents of a fetch-plan stream costs in statements, as docs/relationships.md
 * states it.
 */
public final class StreamCost {
  private StreamCost() {}

  /**
   * Statements that read {@code rows} parents in windows of {@code window}, outside a transaction:
   * one when they fit one window; more on a database with cursors (PostgreSQL): the first read of a
   * window and one row, then DECLARE and one FETCH per window, the last one short or empty.
   */
  public static int parentReadsOutsideTransaction(Database db, long rows, int window) {
    if (rows <= window || !db.dialect().supportsCursors()) {
      return 1;
    }
    return 1 + 1 + (int) (rows / window) + 1;
  }

  /**
   * The same inside a transaction: a cursor (DECLARE, FETCHes, CLOSE) where there are cursors, else
   * one read.
   */
  public static int parentReadsInsideTransaction(Database db, long rows, int window) {
    if (!db.dialect().supportsCursors()) {
      return 1;
    }
    return 1 + (int) (rows / window) + 1 + 1;
  }
}
