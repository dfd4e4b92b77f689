package io.r2orm.r2dbc.model;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Embedded;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;

/**
 * A record for repository tests: text, a nullable number on a reserved-word column ({@code year}),
 * a boolean, an embedded part, and a version.
 */
@Table("film")
public record Film(
    @Id Long id,
    @Column(nullable = false, unique = true) String title,
    Integer year,
    String director,
    boolean archived,
    @Embedded(prefix = "studio_") Address studio,
    @Version int version) {

  public static Film of(String title, Integer year, String director) {
    return new Film(null, title, year, director, false, null, 0);
  }

  public Film withDirector(String newDirector) {
    return new Film(id, title, year, newDirector, archived, studio, version);
  }
}
