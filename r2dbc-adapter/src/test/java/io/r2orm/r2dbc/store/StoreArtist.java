package io.r2orm.r2dbc.store;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.IdGeneration;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.OneToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import java.util.List;

/**
 * An artist of the query-builder test store; {@code country} is nullable on purpose. The inverse
 * side of the one-to-one {@link StoreProfile#artist()}.
 */
@Table("store_artist")
public record StoreArtist(
    @Id(generation = IdGeneration.ASSIGNED) Long id,
    String name,
    String country,
    @OneToMany(mappedBy = "artist") List<StoreAlbum> albums,
    @OneToOne(mappedBy = "artist") Ref<StoreProfile> profile) {
  public static StoreArtist of(long id, String name, String country) {
    return new StoreArtist(id, name, country, List.of(), null);
  }
}
