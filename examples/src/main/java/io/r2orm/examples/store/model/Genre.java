package io.r2orm.examples.store.model;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.Table;
import java.util.List;

/**
 * A musical genre. The {@code tracks} relation is never fetched by the API; it gives the statistics
 * query its join ({@code leftJoin(Genre_.TRACKS)}).
 *
 * @param id database-generated id
 * @param name unique name, e.g. {@code Rock}
 * @param tracks the genre's tracks (only when fetched)
 */
@Table("genre")
public record Genre(
    @Id Long id,
    @Column(nullable = false, unique = true, length = 60) String name,
    @OneToMany(mappedBy = "genre") List<Track> tracks) {

  /** A new genre, to be inserted. */
  public static Genre named(String name) {
    return new Genre(null, name, List.of());
  }
}
