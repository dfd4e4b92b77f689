package io.r2orm.core.internal.render;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Convert;
import io.r2orm.core.annotation.EnumType;
import io.r2orm.core.annotation.Enumerated;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;
import io.r2orm.core.convert.AttributeConverter;
import io.r2orm.core.query.ComparableProperty;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.Property;
import io.r2orm.core.query.Select;
import io.r2orm.core.query.StringProperty;
import io.r2orm.core.sql.SqlStatement;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.function.Function;

/** Entities and hand-written typed properties shared by the rendering tests. */
final class Fixtures {
  private Fixtures() {}

  enum Genre {
    SCIENCE_FICTION,
    FANTASY,
    CRIME
  }

  record Money(BigDecimal amount) {}

  static final class MoneyConverter implements AttributeConverter<Money, BigDecimal> {
    @Override
    public Class<BigDecimal> databaseType() {
      return BigDecimal.class;
    }

    @Override
    public BigDecimal toDatabase(Money value) {
      return value.amount();
    }

    @Override
    public Money fromDatabase(BigDecimal value) {
      return new Money(value);
    }
  }

  @Table("book")
  record Book(
      @Id Long id, String title, Integer pages, Genre genre, Long authorId, @Version int version) {}

  static final String SELECT_BOOK = "SELECT id, title, pages, genre, author_id, version FROM book";
  static final ComparableProperty<Book, Long> ID =
      Property.comparable(Book.class, "id", Long.class);
  static final StringProperty<Book> TITLE = Property.string(Book.class, "title");
  static final ComparableProperty<Book, Integer> PAGES =
      Property.comparable(Book.class, "pages", Integer.class);
  static final ComparableProperty<Book, Genre> GENRE =
      Property.comparable(Book.class, "genre", Genre.class);
  static final ComparableProperty<Book, Long> AUTHOR_ID =
      Property.comparable(Book.class, "authorId", Long.class);
  static final ComparableProperty<Book, Integer> VERSION =
      Property.comparable(Book.class, "version", Integer.class);

  @Table("author")
  record Author(@Id Long id, String name) {}

  static final StringProperty<Author> AUTHOR_NAME = Property.string(Author.class, "name");

  /** Values that need converting before they are bound. */
  @Table("product")
  record Product(
      @Id Long id,
      @Convert(MoneyConverter.class) Money price,
      @Enumerated(EnumType.ORDINAL) Genre shelf,
      Instant addedAt,
      Character grade,
      Byte rank) {}

  static final Property<Product, Money> PRICE = Property.of(Product.class, "price", Money.class);
  static final ComparableProperty<Product, Genre> SHELF =
      Property.comparable(Product.class, "shelf", Genre.class);
  static final ComparableProperty<Product, Instant> ADDED_AT =
      Property.comparable(Product.class, "addedAt", Instant.class);
  static final ComparableProperty<Product, Character> GRADE =
      Property.comparable(Product.class, "grade", Character.class);
  static final ComparableProperty<Product, Byte> RANK =
      Property.comparable(Product.class, "rank", Byte.class);

  /** Columns named with reserved words. */
  record Review(@Id Long id, Integer order, String user, Integer year) {}

  static final ComparableProperty<Review, Integer> REVIEW_ORDER =
      Property.comparable(Review.class, "order", Integer.class);
  static final StringProperty<Review> REVIEW_USER = Property.string(Review.class, "user");
  static final ComparableProperty<Review, Integer> REVIEW_YEAR =
      Property.comparable(Review.class, "year", Integer.class);

  /** Mixed-case names, which must be quoted to keep their case. */
  @Table("BookReview")
  record BookReview(@Id Long id, @Column("ReviewText") String text, Integer stars) {}

  static final StringProperty<BookReview> REVIEW_TEXT = Property.string(BookReview.class, "text");

  @Table(value = "book", schema = "library")
  record LibraryBook(@Id Long id, String title) {}

  static final StringProperty<LibraryBook> LIBRARY_TITLE =
      Property.string(LibraryBook.class, "title");

  /** A column type (bytea) that r2dbc-postgresql cannot bind as an array. */
  @Table("attachment")
  record Attachment(@Id Long id, String name, byte[] data) {}

  /** A select of books with this condition. */
  static Function<SqlRenderer, SqlStatement> booksWhere(Predicate where) {
    return r -> r.select(Select.from(Book.class).where(where));
  }
}
