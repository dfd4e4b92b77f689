package io.r2orm.r2dbc.faults;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/** A wide read-only row (a long text body) that the buffer-leak test streams and cancels. */
@Table("leak_row")
public record LeakRow(@Id Long id, int grp, String body) {
  public static final String DDL =
      "CREATE TABLE leak_row (id BIGINT PRIMARY KEY, grp INT NOT NULL, body TEXT NOT NULL)";
}
