package io.r2orm.r2dbc.faults;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/** Read-only rows that the stress test streams and cancels. */
@Table("stress_row")
public record StressRow(@Id Long id, int grp, String label) {
  public static final String DDL =
      "CREATE TABLE stress_row (id BIGINT PRIMARY KEY, grp INT NOT NULL, label VARCHAR(100) NOT NULL)";
}
