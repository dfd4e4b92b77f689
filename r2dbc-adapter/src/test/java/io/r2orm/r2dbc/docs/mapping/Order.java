package io.r2orm.r2dbc.docs.mapping;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import java.util.List;

// mapping.md: records in JSON columns
@Table("orders")
record Order(@Id Long id, @Column(type = "jsonb") Shipping shipping, @Column(type = "json") List<Line> lines) {}
