package io.r2orm.examples.store.model;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Index;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import java.math.BigDecimal;
import java.util.List;

/**
 * A track of an album, in one genre, for sale at a unit price.
 *
 * @param id database-generated id
 * @param title the title
 * @param millis running time in milliseconds
 * @param price unit price
 * @param album the album (column {@code album_id})
 * @param genre the genre (column {@code genre_id})
 * @param invoiceLines the invoice lines that sold this track (only when fetched; the statistics
 *     query joins through it)
 */
@Table(
    value = "track",
    indexes = {@Index(properties = "album"), @Index(properties = "genre")})
public record Track(
    @Id Long id,
    @Column(nullable = false, length = 200) String title,
    int millis,
    @Column(nullable = false, precision = 8, scale = 2) BigDecimal price,
    @ManyToOne Ref<Album> album,
    @ManyToOne Ref<Genre> genre,
    @OneToMany(mappedBy = "track") List<InvoiceLine> invoiceLines) {

  /** A new track, to be inserted. */
  public static Track of(String title, int millis, BigDecimal price, long albumId, long genreId) {
    return new Track(null, title, millis, price, Ref.to(albumId), Ref.to(genreId), List.of());
  }
}
