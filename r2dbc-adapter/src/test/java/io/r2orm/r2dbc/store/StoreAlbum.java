package io.r2orm.r2dbc.store;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.IdGeneration;
import io.r2orm.core.annotation.Index;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import java.util.List;

/** An album; {@code year} is nullable so that keyset pagination meets NULL sort keys. */
@Table(value = "store_album", indexes = @Index(properties = "artist"))
public record StoreAlbum(
    @Id(generation = IdGeneration.ASSIGNED) Long id,
    String title,
    Integer year,
    @ManyToOne Ref<StoreArtist> artist,
    @OneToMany(mappedBy = "album") List<StoreTrack> tracks) {
  public static StoreAlbum of(long id, String title, Integer year, long artistId) {
    return new StoreAlbum(id, title, year, Ref.to(artistId), List.of());
  }
}
