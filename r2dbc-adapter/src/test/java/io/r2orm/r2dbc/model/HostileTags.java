package io.r2orm.r2dbc.model;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import java.util.List;

/**
 * A row carrying hostile text as array elements ({@code text[]} on PostgreSQL, {@code ARRAY} on
 * H2).
 */
@Table("hostile_tags")
public record HostileTags(@Id Long id, String label, List<String> tags) {}
