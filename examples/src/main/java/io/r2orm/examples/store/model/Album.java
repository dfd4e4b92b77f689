package io.r2orm.examples.store.model;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Index;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import java.util.List;

/**
 * An album of one artist.
 *
 * @param id database-generated id
 * @param title the title
 * @param year year of release
 * @param artist the artist (column {@code artist_id}); its id is always known
 * @param tracks the album's tracks in id order (only when fetched)
 */
@Table(value = "album", indexes = @Index(properties = "artist"))
public record Album(
    @Id Long id,
    @Column(nullable = false, length = 160) String title,
    Integer year,
    @ManyToOne Ref<Artist> artist,
    @OneToMany(mappedBy = "album") List<Track> tracks) {

  /** A new album of the artist with this id, to be inserted. */
  public static Album of(String title, int year, long artistId) {
    return new Album(null, title, year, Ref.to(artistId), List.of());
  }
}
