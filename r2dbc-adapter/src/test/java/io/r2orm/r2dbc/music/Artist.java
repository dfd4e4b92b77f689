package io.r2orm.r2dbc.music;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.OneToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import java.util.List;

/** One-to-many (albums, in a declared order) and the inverse side of a one-to-one (profile). */
@Table("artist")
public record Artist(
    @Id Long id,
    String name,
    @OneToMany(mappedBy = "artist", orderBy = "year DESC, title") List<Album> albums,
    @OneToOne(mappedBy = "artist") Ref<ArtistProfile> profile) {

  public static Artist named(String name) {
    return new Artist(null, name, List.of(), null);
  }
}
