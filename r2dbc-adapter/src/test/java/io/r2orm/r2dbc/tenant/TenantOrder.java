package io.r2orm.r2dbc.tenant;

import io.r2orm.core.annotation.Embedded;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;
import io.r2orm.core.query.Ref;
import java.util.List;

/**
 * An order: keyed {@code (tenant_id, id)}, and referring to its customer by {@code (tenant_id,
 * customer_id)}. The key writes {@code tenant_id}; the relation reads it.
 */
@Table("tenant_order")
public record TenantOrder(
    @Id @Embedded OrderKey id,
    @ManyToOne(columns = {"tenant_id", "customer_id"}) Ref<Customer> customer,
    long total,
    @Version Long version,
    @OneToMany(mappedBy = "order") List<OrderLine> lines) {

  /** An order's key. */
  public record OrderKey(Long tenantId, Long id) {}

  public static TenantOrder of(long tenantId, long id, long customerId, long total) {
    return new TenantOrder(
        new OrderKey(tenantId, id),
        Ref.to(new Customer.CustomerKey(tenantId, customerId)),
        total,
        null,
        List.of());
  }

  public TenantOrder withCustomer(Ref<Customer> newCustomer) {
    return new TenantOrder(id, newCustomer, total, version, lines);
  }
}
