package io.r2orm.benchmarks.spring;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** {@code item} mapped for Spring Data R2DBC. */
@Table("item")
public record SpringItem(
    @Id Long id, String name, int quantity, OffsetDateTime createdAt, BigDecimal price) {}
