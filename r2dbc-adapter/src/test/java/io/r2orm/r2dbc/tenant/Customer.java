package io.r2orm.r2dbc.tenant;

import io.r2orm.core.annotation.Embedded;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.Table;
import java.util.List;

/** A customer of one tenant, and its orders (whose key to it has two columns). */
@Table("tenant_customer")
public record Customer(
    @Id @Embedded CustomerKey id,
    String name,
    @OneToMany(mappedBy = "customer", orderBy = "total DESC") List<TenantOrder> orders) {

  /** A customer's key: the tenant, then the customer within it. */
  public record CustomerKey(Long tenantId, Long id) {}

  public static Customer of(long tenantId, long id, String name) {
    return new Customer(new CustomerKey(tenantId, id), name, List.of());
  }
}
