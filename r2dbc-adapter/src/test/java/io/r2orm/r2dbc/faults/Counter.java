package io.r2orm.r2dbc.faults;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;

/** A versioned counter row for optimistic-locking contention. */
@Table("ol_counter")
public record Counter(@Id Long id, long hits, @Version long version) {
  public Counter incremented() {
    return new Counter(id, hits + 1, version);
  }

  public static final String DDL =
      "CREATE TABLE ol_counter (id BIGINT PRIMARY KEY, hits BIGINT NOT NULL, version BIGINT NOT NULL)";
}
