package io.r2orm.r2dbc.store;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import java.math.BigDecimal;

/** Where insert … select copies products. */
@Table("store_product_archive")
public record ProductArchive(
    @Id Long id, String sku, @Column(precision = 8, scale = 2) BigDecimal price) {}
