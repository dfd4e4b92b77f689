package io.r2orm.r2dbc.pagila;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Pagila's {@code film}: a native enum rating, a {@code text[]} of special features, a jsonb
 * document, a trigger-kept version, and its cast through the link entity {@link FilmActor}.
 */
@Table("pagila_film")
public record Film(
    @Id Long id,
    @Column(nullable = false) String title,
    @Column(type = "pagila_rating") Rating rating,
    List<String> specialFeatures,
    @Column(type = "jsonb") String details,
    @Version LocalDateTime lastUpdate,
    @OneToMany(mappedBy = "film") List<FilmActor> cast) {

  /** Declared in Pagila's order, which the database sorts by. */
  public enum Rating {
    G,
    PG,
    PG_13,
    R,
    NC_17
  }

  public static Film of(String title, Rating rating, List<String> features, String details) {
    return new Film(null, title, rating, features, details, null, List.of());
  }

  public Film withTitle(String newTitle) {
    return new Film(id, newTitle, rating, specialFeatures, details, lastUpdate, cast);
  }
}
