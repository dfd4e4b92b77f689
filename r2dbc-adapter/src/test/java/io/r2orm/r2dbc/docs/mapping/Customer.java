package io.r2orm.r2dbc.docs.mapping;

import io.r2orm.core.annotation.Embedded;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.Table;
import java.util.List;

// mapping.md: the target of a relation with a composite key
@Table("shop_customer")
public record Customer(
    @Id @Embedded CustomerKey id,                  // PRIMARY KEY (tenant_id, id)
    String name,
    @OneToMany(mappedBy = "customer") List<Purchase> purchases) {
  public record CustomerKey(Long tenantId, Long id) {}
}
