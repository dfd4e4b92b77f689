package io.r2orm.r2dbc.docs;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import java.math.BigDecimal;
import java.util.List;

/** A track: a to-one album, an enum genre, a many-to-many to playlists. */
@Table("track")
public record Track(
    @Id Long id,
    String title,
    int millis,
    BigDecimal price,
    Genre genre,
    @ManyToOne Ref<Album> album,
    @ManyToMany(joinTable = "playlist_track", joinColumn = "track_id", inverseJoinColumn = "playlist_id")
        List<Playlist> playlists) {}
