package io.r2orm.examples.store.model;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Index;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import java.math.BigDecimal;

/**
 * One line of an invoice: a track sold at a unit price, some number of times.
 *
 * @param id database-generated id
 * @param invoice the invoice (column {@code invoice_id})
 * @param track the track sold (column {@code track_id})
 * @param unitPrice the price per unit when sold
 * @param quantity how many
 */
@Table(
    value = "invoice_line",
    indexes = {@Index(properties = "invoice"), @Index(properties = "track")})
public record InvoiceLine(
    @Id Long id,
    @ManyToOne Ref<Invoice> invoice,
    @ManyToOne Ref<Track> track,
    @Column(nullable = false, precision = 8, scale = 2) BigDecimal unitPrice,
    int quantity) {

  /** A new line, to be inserted. */
  public static InvoiceLine of(long invoiceId, long trackId, BigDecimal unitPrice, int quantity) {
    return new InvoiceLine(null, Ref.to(invoiceId), Ref.to(trackId), unitPrice, quantity);
  }
}
