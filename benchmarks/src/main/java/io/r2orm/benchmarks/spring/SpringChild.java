package io.r2orm.benchmarks.spring;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** {@code child} mapped for Spring Data R2DBC. */
@Table("child")
public record SpringChild(@Id Long id, Long parentId, String name, int position) {}
