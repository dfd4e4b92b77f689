package io.r2orm.r2dbc.store;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.IdGeneration;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;

/** An employee reporting to another: the self-join case. */
@Table("store_employee")
public record StoreEmployee(
    @Id(generation = IdGeneration.ASSIGNED) Long id,
    String name,
    @ManyToOne Ref<StoreEmployee> manager) {}
