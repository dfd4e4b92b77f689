package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Fixtures.ADDED_AT;
import static io.r2orm.core.internal.render.Fixtures.GRADE;
import static io.r2orm.core.internal.render.Fixtures.PRICE;
import static io.r2orm.core.internal.render.Fixtures.RANK;
import static io.r2orm.core.internal.render.Fixtures.SELECT_BOOK;
import static io.r2orm.core.internal.render.Fixtures.SHELF;
import static io.r2orm.core.internal.render.Fixtures.TITLE;
import static io.r2orm.core.internal.render.Fixtures.booksWhere;
import static io.r2orm.core.internal.render.Golden.H2;
import static io.r2orm.core.internal.render.Golden.POSTGRES;
import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOnBoth;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.internal.render.Fixtures.Book;
import io.r2orm.core.internal.render.Fixtures.Genre;
import io.r2orm.core.internal.render.Fixtures.Money;
import io.r2orm.core.internal.render.Fixtures.Product;
import io.r2orm.core.query.Assignment;
import io.r2orm.core.query.Insert;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.Select;
import io.r2orm.core.query.Update;
import io.r2orm.core.query.Value;
import io.r2orm.core.sql.SqlStatement;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Values are converted by the property beside them, and never become SQL text. */
class ValueRenderingTest {
  private static final String SELECT_PRODUCT =
      "SELECT id, price, shelf, added_at, grade, rank FROM product";

  private static Function<SqlRenderer, SqlStatement> productsWhere(Predicate where) {
    return r -> r.select(Select.from(Product.class).where(where));
  }

  @Test
  void bindsEnumOrdinalsWhereAsked() {
    rendersOnBoth(
        productsWhere(SHELF.eq(Genre.CRIME)),
        SELECT_PRODUCT + " WHERE shelf = $1",
        bind(2, Integer.class));
    rendersOnBoth(
        productsWhere(SHELF.in(Genre.SCIENCE_FICTION, Genre.CRIME)),
        SELECT_PRODUCT + " WHERE shelf = ANY($1)",
        bind(new Integer[] {0, 2}, Integer[].class));
  }

  @Test
  void appliesTheUserConverterToBoundValues() {
    Money price = new Money(new BigDecimal("9.99"));
    rendersOnBoth(
        productsWhere(PRICE.eq(price)),
        SELECT_PRODUCT + " WHERE price = $1",
        bind(new BigDecimal("9.99"), BigDecimal.class));
    rendersOnBoth(
        productsWhere(PRICE.in(price, new Money(BigDecimal.ONE))),
        SELECT_PRODUCT + " WHERE price = ANY($1)",
        bind(new BigDecimal[] {new BigDecimal("9.99"), BigDecimal.ONE}, BigDecimal[].class));
    Insert insert = new Insert(Product.class, List.of("price"), List.of(List.of(price)), List.of());
    rendersOnBoth(
        r -> r.insert(insert),
        "INSERT INTO product (price) VALUES ($1)",
        bind(new BigDecimal("9.99"), BigDecimal.class));
  }

  @Test
  void bindsInstantsAsUtcOffsetDateTimes() {
    Instant instant = Instant.parse("2024-05-06T07:08:09.123456Z");
    rendersOnBoth(
        productsWhere(ADDED_AT.gt(instant)),
        SELECT_PRODUCT + " WHERE added_at > $1",
        bind(
            OffsetDateTime.of(2024, 5, 6, 7, 8, 9, 123_456_000, ZoneOffset.UTC),
            OffsetDateTime.class));
  }

  @Test
  void bindsCharactersAsStringsAndBytesAsShorts() {
    rendersOnBoth(
        productsWhere(GRADE.eq('A').and(RANK.ge((byte) 3))),
        SELECT_PRODUCT + " WHERE grade = $1 AND rank >= $2",
        bind("A", String.class),
        bind((short) 3, Short.class));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "O'Brien",
        "'; DROP TABLE book; --",
        "\" OR \"1\" = \"1",
        "x) OR (1 = 1",
        "$1 ? :name",
        "back\\slash",
        "日本語 ✓ Ωμέγα 🚀 \u202E",
      })
  void keepsHostileStringsOutOfTheSqlText(String hostile) {
    rendersOnBoth(
        booksWhere(TITLE.eq(hostile)),
        SELECT_BOOK + " WHERE title = $1",
        bind(hostile, String.class));
    rendersOnBoth(
        booksWhere(TITLE.in(hostile, "x")),
        SELECT_BOOK + " WHERE title = ANY($1)",
        bind(new String[] {hostile, "x"}, String[].class));
    Insert insert = new Insert(Book.class, List.of("title"), List.of(List.of(hostile)), List.of());
    Update update =
        new Update(
            Book.class,
            List.of(new Assignment(TITLE.ref(), new Value(hostile))),
            TITLE.contains(hostile));
    for (SqlRenderer renderer : List.of(POSTGRES, H2)) {
      for (SqlStatement s :
          List.of(renderer.insert(insert), renderer.update(update), renderer.bulkInsert(insert))) {
        assertThat(s.sql()).doesNotContain(hostile);
        assertThat(s.toString()).doesNotContain(hostile);
        assertThat(s.binds().toString()).doesNotContain(hostile);
        assertThat(s.binds().get(0).value()).isEqualTo(hostile);
      }
    }
  }
}
