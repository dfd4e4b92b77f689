package io.r2orm.examples.store.model;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/**
 * A customer of the store.
 *
 * @param id database-generated id
 * @param name full name
 * @param email e-mail address, unique
 * @param country country code
 */
@Table("customer")
public record Customer(
    @Id Long id,
    @Column(nullable = false, length = 120) String name,
    @Column(nullable = false, unique = true, length = 160) String email,
    @Column(length = 2) String country) {}
