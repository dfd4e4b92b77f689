package io.r2orm.benchmarks.model;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** A streamed row of five mixed-type columns (bigint, text, int, timestamptz, numeric). */
@Table("item")
public record Item(
    @Id Long id, String name, int quantity, OffsetDateTime createdAt, BigDecimal price) {}
