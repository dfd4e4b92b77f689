package io.r2orm.r2dbc.store;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;
import java.math.BigDecimal;

/** A product with a database-generated id, a unique natural key and a version: the upsert case. */
@Table("store_product")
public record Product(
    @Id Long id,
    @Column(nullable = false, unique = true) String sku,
    String name,
    @Column(precision = 8, scale = 2) BigDecimal price,
    @Version int version) {
  public static Product of(String sku, String name, String price) {
    return new Product(null, sku, name, new BigDecimal(price), 0);
  }

  public Product withName(String newName) {
    return new Product(id, sku, newName, price, version);
  }

  public Product withPrice(BigDecimal newPrice) {
    return new Product(id, sku, name, newPrice, version);
  }
}
