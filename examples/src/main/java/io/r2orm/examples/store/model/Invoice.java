package io.r2orm.examples.store.model;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Index;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A customer's invoice.
 *
 * @param id database-generated id
 * @param customer the customer (column {@code customer_id})
 * @param issuedOn the day of the sale
 * @param total the sum of the lines
 * @param lines the lines in id order (only when fetched)
 */
@Table(value = "invoice", indexes = @Index(properties = "customer"))
public record Invoice(
    @Id Long id,
    @ManyToOne Ref<Customer> customer,
    @Column(nullable = false) LocalDate issuedOn,
    @Column(nullable = false, precision = 10, scale = 2) BigDecimal total,
    @OneToMany(mappedBy = "invoice") List<InvoiceLine> lines) {

  /** A new invoice, to be inserted. */
  public static Invoice of(long customerId, LocalDate issuedOn, BigDecimal total) {
    return new Invoice(null, Ref.to(customerId), issuedOn, total, List.of());
  }
}
