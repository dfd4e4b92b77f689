package io.r2orm.r2dbc.realschema;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import java.util.List;
import java.util.Map;

/** JSON columns mapped to a record, a list of records and a map through a registered JsonCodec. */
@Table("realschema_order")
public record Order(
    @Id Long id,
    @Column(type = "jsonb") Shipping shipping,
    @Column(type = "json") List<Line> lines,
    @Column(type = "jsonb") Map<String, Object> extra) {

  /** A nested value object. */
  public record Shipping(String street, String city, List<String> notes) {}

  /** One line of the order. */
  public record Line(String sku, int quantity) {}
}
