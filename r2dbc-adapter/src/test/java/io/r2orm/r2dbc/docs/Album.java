package io.r2orm.r2dbc.docs;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import java.util.List;

// README: relations
@Table("album")
record Album(@Id Long id, String title, Integer year,
    @ManyToOne Ref<Artist> artist,                                   // column artist_id
    @OneToMany(mappedBy = "album") List<Track> tracks) {

  Album withTitle(String newTitle) {
    return new Album(id, newTitle, year, artist, tracks);
  }
}
