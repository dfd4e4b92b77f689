package io.r2orm.r2dbc.faults;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/**
 * A row with a unique, NOT NULL {@code code}, a {@code CHECK (quantity >= 0)} and a primitive
 * {@code quantity} whose column accepts NULL (so that a NULL written with plain SQL cannot be
 * mapped).
 */
@Table("err_item")
public record ErrItem(@Id Long id, String code, String secret, int quantity) {}
