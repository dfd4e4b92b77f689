package io.r2orm.r2dbc.store;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.IdGeneration;
import io.r2orm.core.annotation.Index;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import java.math.BigDecimal;

/** A track with a price and a nullable composer. */
@Table(value = "store_track", indexes = @Index(properties = "album"))
public record StoreTrack(
    @Id(generation = IdGeneration.ASSIGNED) Long id,
    String title,
    int millis,
    @Column(precision = 8, scale = 2) BigDecimal price,
    String composer,
    Genre genre,
    @ManyToOne Ref<StoreAlbum> album) {

  /** Stored by name. */
  public enum Genre {
    ROCK,
    JAZZ,
    POP,
    CLASSICAL
  }

  public static StoreTrack of(
      long id, String title, int millis, String price, String composer, Genre genre, long albumId) {
    return new StoreTrack(
        id, title, millis, new BigDecimal(price), composer, genre, Ref.to(albumId));
  }
}
