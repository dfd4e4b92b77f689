package io.r2orm.benchmarks.spring;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/**
 * {@code inserted_item} mapped for Spring Data R2DBC; a null id means "insert, the database draws
 * it".
 */
@Table("inserted_item")
public record SpringInsertedItem(
    @Id Long id, String name, int quantity, OffsetDateTime createdAt, BigDecimal price) {}
