package io.r2orm.r2dbc.docs.transactions;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/** An order of the transactions page's first example. */
@Table("orders")
record Order(@Id Long id, String customer, String sku, int quantity) {}
