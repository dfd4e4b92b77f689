package io.r2orm.r2dbc.docs;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;
import java.math.BigDecimal;

/** A product with a unique SKU, for upserts. */
@Table("product")
public record Product(@Id Long id, @Column(nullable = false, unique = true) String sku, String name, BigDecimal price,
    @Version int version) {}
