package io.r2orm.r2dbc.tenant;

import io.r2orm.core.annotation.Embedded;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;

/**
 * A line of an order, keyed by three columns, two of which ({@code tenant_id, order_id}) are also
 * its foreign key to the order.
 */
@Table("tenant_order_line")
public record OrderLine(
    @Id @Embedded LineKey id,
    @ManyToOne(columns = {"tenant_id", "order_id"}) Ref<TenantOrder> order,
    String product) {

  /** A line's key: its order's key, then its number. */
  public record LineKey(Long tenantId, Long orderId, Integer lineNo) {}

  public static OrderLine of(long tenantId, long orderId, int lineNo, String product) {
    return new OrderLine(
        new LineKey(tenantId, orderId, lineNo),
        Ref.to(new TenantOrder.OrderKey(tenantId, orderId)),
        product);
  }
}
