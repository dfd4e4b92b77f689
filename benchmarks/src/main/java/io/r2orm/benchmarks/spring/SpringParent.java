package io.r2orm.benchmarks.spring;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * {@code parent} mapped for Spring Data R2DBC, which has no relationships (see {@link
 * SpringLoadedParent}).
 */
@Table("parent")
public record SpringParent(@Id Long id, String name) {}
