package io.r2orm.r2dbc.docs.transactions;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;

/** The stock of a SKU, optimistically locked. */
@Table("stock")
record Stock(@Id String sku, int quantity, @Version int version) {
  /** The stock after the order took its quantity. */
  Stock minus(Order order) {
    return new Stock(sku, quantity - order.quantity(), version);
  }
}
