package io.r2orm.r2dbc.docs.transactions;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/** A line of an {@link Order}. */
@Table("order_line")
record OrderLine(@Id Long id, Long orderId, String sku, int quantity) {}
