package io.r2orm.r2dbc.store;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.IdGeneration;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.Table;
import java.util.List;

/** A playlist: tracks many-to-many through store_playlist_track. */
@Table("store_playlist")
public record StorePlaylist(
    @Id(generation = IdGeneration.ASSIGNED) Long id,
    String name,
    @ManyToMany(
            joinTable = "store_playlist_track",
            joinColumn = "playlist_id",
            inverseJoinColumn = "track_id")
        List<StoreTrack> tracks) {}
