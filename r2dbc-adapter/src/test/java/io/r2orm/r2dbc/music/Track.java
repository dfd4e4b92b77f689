package io.r2orm.r2dbc.music;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Index;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import java.util.List;

/** Many-to-one (album, may be null), many-to-many as entities and as ids only. */
@Table(value = "track", indexes = @Index(properties = "album"))
public record Track(
    @Id Long id,
    String title,
    int millis,
    @ManyToOne Ref<Album> album,
    @ManyToMany(
            joinTable = "track_genre",
            joinColumn = "track_id",
            inverseJoinColumn = "genre_id",
            orderBy = "name")
        List<Genre> genres,
    @ManyToMany(
            joinTable = "track_genre",
            joinColumn = "track_id",
            inverseJoinColumn = "genre_id",
            target = Genre.class)
        List<Long> genreIds) {

  public static Track of(String title, int millis, Ref<Album> album) {
    return new Track(null, title, millis, album, List.of(), List.of());
  }
}
