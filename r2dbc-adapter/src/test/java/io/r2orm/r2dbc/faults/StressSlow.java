package io.r2orm.r2dbc.faults;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/**
 * The rows of {@link StressRow} through a PostgreSQL view that sleeps 2 ms per row ({@link #VIEW}).
 */
@Table("stress_slow")
public record StressSlow(@Id Long id, int grp, String label) {
  public static final String VIEW =
      "CREATE VIEW stress_slow AS SELECT id, grp, label || CAST(pg_sleep(0.002) AS text) AS label "
          + "FROM stress_row";
}
