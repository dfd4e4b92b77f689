package io.r2orm.r2dbc.model;

import io.r2orm.core.annotation.Embedded;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/** A record with two embedded parts. */
@Table("customer")
public record Customer(
    @Id Long id,
    String name,
    @Embedded(prefix = "home_") Address home,
    @Embedded(prefix = "work_") Address work) {}
