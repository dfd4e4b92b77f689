package io.r2orm.examples.store.model;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;
import java.util.List;

/**
 * A user's playlist: a name under optimistic locking and tracks through the link table {@code
 * playlist_track} (created by {@link io.r2orm.examples.store.data.StoreSchema}; r2orm's schema
 * generator creates entity tables only).
 *
 * @param id database-generated id
 * @param name the name
 * @param version optimistic-lock version: an update with a stale one fails
 * @param tracks the tracks by title (only when fetched; written with {@code db.link}/{@code
 *     unlink})
 */
@Table("playlist")
public record Playlist(
    @Id Long id,
    @Column(nullable = false, length = 120) String name,
    @Version int version,
    @ManyToMany(
            joinTable = "playlist_track",
            joinColumn = "playlist_id",
            inverseJoinColumn = "track_id",
            orderBy = "title")
        List<Track> tracks) {

  /** A new playlist, to be inserted. */
  public static Playlist named(String name) {
    return new Playlist(null, name, 0, List.of());
  }

  /** This playlist renamed, as read at {@code version}. */
  public Playlist renamed(String newName, int readVersion) {
    return new Playlist(id, newName, readVersion, List.of());
  }
}
