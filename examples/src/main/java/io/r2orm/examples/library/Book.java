package io.r2orm.examples.library;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Embedded;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Index;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;
import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * A book: identity id, optimistic-lock version, an enum, a converted value and an embedded part.
 */
@Table(value = "book", indexes = @Index(properties = "authorId"))
public record Book(
    @Id Long id,
    @Column(nullable = false) String title,
    Long authorId,
    Genre genre,
    LocalDate published,
    @Column(precision = 10, scale = 2) Money price,
    @Embedded(prefix = "shelf_") Shelf shelf,
    @Version int version) {

  /** Where the book stands. */
  public record Shelf(String room, Integer number) {}

  public enum Genre {
    SCIENCE_FICTION,
    FANTASY,
    CLASSIC
  }

  public Book withPrice(Money newPrice) {
    return new Book(id, title, authorId, genre, published, newPrice, shelf, version);
  }

  public static Book of(
      String title, Author author, Genre genre, int year, String price, String room) {
    return new Book(
        null,
        title,
        author.id(),
        genre,
        LocalDate.of(year, 1, 1),
        new Money(new BigDecimal(price)),
        new Shelf(room, 1),
        0);
  }
}
