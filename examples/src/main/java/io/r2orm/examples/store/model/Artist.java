package io.r2orm.examples.store.model;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Index;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.Table;
import java.util.List;

/**
 * A recording artist. Paged by name (the index serves the keyset seek).
 *
 * @param id database-generated id
 * @param name the artist's name; not unique
 * @param albums the artist's albums by year and title (only when fetched)
 */
@Table(value = "artist", indexes = @Index(properties = {"name", "id"}))
public record Artist(
    @Id Long id,
    @Column(nullable = false, length = 120) String name,
    @OneToMany(mappedBy = "artist", orderBy = "year, title") List<Album> albums) {

  /** A new artist, to be inserted. */
  public static Artist named(String name) {
    return new Artist(null, name, List.of());
  }
}
