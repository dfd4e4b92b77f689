package io.r2orm.r2dbc.docs.mapping;

import io.r2orm.core.annotation.Embedded;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;

// mapping.md: a relation to a composite key
@Table("shop_purchase")
public record Purchase(
    @Id @Embedded PurchaseKey id,                  // PRIMARY KEY (tenant_id, id)
    @ManyToOne(columns = {"tenant_id", "customer_id"})
    Ref<Customer> customer,                        // reads tenant_id, which the key writes
    long cents) {
  public record PurchaseKey(Long tenantId, Long id) {}
}
