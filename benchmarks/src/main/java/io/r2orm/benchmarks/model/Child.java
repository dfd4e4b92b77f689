package io.r2orm.benchmarks.model;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/** A child row; {@code parentId} is a plain key column. */
@Table("child")
public record Child(@Id Long id, Long parentId, String name, int position) {}
