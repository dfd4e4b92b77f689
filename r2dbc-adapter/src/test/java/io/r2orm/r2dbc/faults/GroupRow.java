package io.r2orm.r2dbc.faults;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/**
 * A row of a group that insertAll stores all-or-nothing; {@code grp} tells which call stored it.
 */
@Table("group_row")
public record GroupRow(@Id Long id, int grp, String label) {}
