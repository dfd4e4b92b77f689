package io.r2orm.r2dbc.faults;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/** Mapped to a PostgreSQL view whose only row takes five seconds to compute ({@link #VIEW}). */
@Table("slow")
public record Slow(@Id Long id, String nap) {
  public static final String VIEW =
      "CREATE VIEW slow AS SELECT 1::bigint AS id, CAST(pg_sleep(5) AS text) AS nap";
}
