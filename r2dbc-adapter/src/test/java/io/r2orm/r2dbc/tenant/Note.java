package io.r2orm.r2dbc.tenant;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import org.jspecify.annotations.Nullable;

/**
 * A note with a generated id of its own that may refer to a customer through two columns of its
 * own, named by default: {@code customer_tenant_id} and {@code customer_id}.
 */
@Table("tenant_note")
public record Note(@Id Long id, @ManyToOne Ref<Customer> customer, @Nullable String text) {
  public static Note about(@Nullable Ref<Customer> customer, String text) {
    return new Note(null, customer == null ? Ref.none() : customer, text);
  }
}
