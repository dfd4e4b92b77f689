package io.r2orm.benchmarks.model;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A row the insert workload writes; the database draws its id (identity column). */
@Table("inserted_item")
public record InsertedItem(
    @Id Long id, String name, int quantity, OffsetDateTime createdAt, BigDecimal price) {}
