package io.r2orm.core.convert;

/**
 * The portable kinds of column r2orm maps to. A dialect turns each into its own type name for
 * schema generation and array casts.
 */
public enum SqlType {
  BOOLEAN,
  SMALLINT,
  INTEGER,
  BIGINT,
  REAL,
  DOUBLE,
  DECIMAL,
  CHAR,
  TEXT,
  UUID,
  DATE,
  TIME,
  TIMESTAMP,
  TIMESTAMP_WITH_TIME_ZONE,
  BINARY
}
