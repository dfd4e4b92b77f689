package io.r2orm.r2dbc.faults;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/**
 * An unversioned parent row; children reference it through a foreign key created with plain SQL.
 */
@Table("err_parent")
public record ErrParent(@Id Long id, String name) {}
