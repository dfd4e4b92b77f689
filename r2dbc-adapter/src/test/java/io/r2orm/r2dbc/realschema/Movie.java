package io.r2orm.r2dbc.realschema;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;

/**
 * A film rated with a native PostgreSQL enum type (H2: an inline ENUM), as Pagila's {@code
 * film.rating}.
 */
@Table("realschema_movie")
public record Movie(
    @Id Long id,
    @Column(nullable = false, unique = true) String title,
    @Column(type = "realschema_rating") Rating rating,
    @Version int version) {

  /** In declared order, which is not alphabetical: the database sorts by it. */
  public enum Rating {
    G,
    PG,
    PG_13,
    R,
    NC_17
  }

  public static Movie of(String title, Rating rating) {
    return new Movie(null, title, rating, 0);
  }

  public Movie withRating(Rating newRating) {
    return new Movie(id, title, newRating, version);
  }
}
