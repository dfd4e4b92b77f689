package io.r2orm.r2dbc.faults;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/** An unversioned counter row: concurrent writers are kept apart only by the isolation level. */
@Table("plain_counter")
public record PlainCounter(@Id Long id, long hits) {
  public static final String DDL =
      "CREATE TABLE plain_counter (id BIGINT PRIMARY KEY, hits BIGINT NOT NULL)";
}
