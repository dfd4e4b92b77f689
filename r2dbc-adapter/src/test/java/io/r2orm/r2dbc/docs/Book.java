package io.r2orm.r2dbc.docs;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Embedded;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;

/** The README's first entity, exactly as the README shows it (DocSnippetsTest checks that). */
// README: the entity
@Table("book")
public record Book(
    @Id Long id,                                   // identity column, drawn by the database
    @Column(nullable = false) String title,
    Integer year,
    Long authorId,
    @Embedded(prefix = "shelf_") Shelf shelf,      // columns shelf_room, shelf_number
    @Version int version) {                        // optimistic locking

  public Book withTitle(String newTitle) {         // records are immutable: write the withers you need
    return new Book(id, newTitle, year, authorId, shelf, version);
  }
}
