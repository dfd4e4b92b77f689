package io.r2orm.examples.library;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/** An author: a record with a database-generated id. */
@Table("author")
public record Author(
    @Id Long id, @Column(nullable = false, unique = true) String name, String country) {}
