package io.r2orm.r2dbc.faults;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/** A child row whose {@code parent_id} must name an {@link ErrParent}. */
@Table("err_child")
public record ErrChild(@Id Long id, Long parentId, String note) {}
