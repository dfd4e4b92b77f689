package io.r2orm.benchmarks.model;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import java.math.BigDecimal;
import java.time.OffsetDateTime;

/** The heap check's row: the columns of {@link Item} in a table of a million rows. */
@Table("big_item")
public record BigItem(
    @Id Long id, String name, int quantity, OffsetDateTime createdAt, BigDecimal price) {}
