package io.r2orm.benchmarks.spring;

import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Column;
import org.springframework.data.relational.core.mapping.Table;

/** {@code world} mapped for Spring Data R2DBC. */
@Table("world")
public record SpringWorld(@Id Integer id, @Column("randomnumber") int randomNumber) {}
