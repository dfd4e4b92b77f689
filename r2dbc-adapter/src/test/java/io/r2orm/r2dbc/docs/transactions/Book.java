package io.r2orm.r2dbc.docs.transactions;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;
import java.math.BigDecimal;

/** A priced book, for the streaming example. */
@Table("book")
record Book(@Id Long id, String title, BigDecimal price, @Version int version) {
  Book withPrice(BigDecimal newPrice) {
    return new Book(id, title, newPrice, version);
  }
}
