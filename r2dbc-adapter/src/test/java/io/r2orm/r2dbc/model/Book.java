package io.r2orm.r2dbc.model;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Index;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;

/** A record entity with an identity id, a version and a reserved-word column ({@code year}). */
@Table(value = "book", indexes = @Index(properties = "authorId"))
public record Book(
    @Id Long id,
    @Column(nullable = false, unique = true) String title,
    Integer year,
    Long authorId,
    @Version int version) {

  public static Book of(String title, Integer year) {
    return new Book(null, title, year, null, 0);
  }

  public Book withTitle(String newTitle) {
    return new Book(id, newTitle, year, authorId, version);
  }
}
