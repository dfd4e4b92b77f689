package io.r2orm.core.dialect;

/** The ways databases write an insert that updates the row when the key already exists. */
public enum UpsertSyntax {
  /** {@code INSERT … ON CONFLICT (key) DO UPDATE SET c = EXCLUDED.c} (PostgreSQL). */
  ON_CONFLICT,
  /** {@code MERGE INTO t (…) KEY (key) VALUES (…)} (H2). */
  MERGE_KEY
}
