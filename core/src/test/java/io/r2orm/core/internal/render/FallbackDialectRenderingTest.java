package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Fixtures.ID;
import static io.r2orm.core.internal.render.Fixtures.PAGES;
import static io.r2orm.core.internal.render.Fixtures.SELECT_BOOK;
import static io.r2orm.core.internal.render.Fixtures.TITLE;
import static io.r2orm.core.internal.render.Fixtures.booksWhere;
import static io.r2orm.core.internal.render.Golden.MODELS;
import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.dialect.Dialect;
import io.r2orm.core.dialect.PostgresDialect;
import io.r2orm.core.exception.UnsupportedFeatureException;
import io.r2orm.core.internal.render.Fixtures.Book;
import io.r2orm.core.query.Insert;
import io.r2orm.core.query.Select;
import io.r2orm.core.sql.SqlStatement;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The renderer's paths for a dialect without array binds, ILIKE, NULLS FIRST/LAST or RETURNING (as
 * MySQL would be): lists are expanded, case-insensitive LIKE compares LOWER(..), markers are {@code
 * ?}.
 */
class FallbackDialectRenderingTest {

  /**
   * PostgreSQL without any optional capability. A proxy, so that capabilities added to {@link
   * Dialect} later are forwarded to PostgreSQL instead of breaking this test.
   */
  private static Dialect minimalDialect() {
    Dialect postgres = PostgresDialect.INSTANCE;
    Map<String, Object> overrides =
        Map.of(
            "name",
            "Minimal",
            "supportsReturning",
            false,
            "arrayTypeName",
            Optional.empty(),
            "supportsNullsOrdering",
            false,
            "caseInsensitiveLike",
            Optional.empty());
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().equals("bindMarker")) {
            return "?";
          }
          if (overrides.containsKey(method.getName())) {
            return overrides.get(method.getName());
          }
          try {
            return method.invoke(postgres, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        };
    return (Dialect)
        Proxy.newProxyInstance(
            Dialect.class.getClassLoader(), new Class<?>[] {Dialect.class}, handler);
  }

  private static final SqlRenderer MINIMAL = new SqlRenderer(minimalDialect(), MODELS);

  @Test
  void expandsListsIntoOneMarkerPerValue() {
    rendersOn(
        MINIMAL,
        booksWhere(ID.in(1L, 2L)),
        SELECT_BOOK + " WHERE id IN (?, ?)",
        bind(1L, Long.class),
        bind(2L, Long.class));
    rendersOn(
        MINIMAL,
        booksWhere(ID.notIn(3L)),
        SELECT_BOOK + " WHERE id NOT IN (?)",
        bind(3L, Long.class));
  }

  @Test
  void rendersEmptyListsAsConstantConditions() {
    rendersOn(MINIMAL, booksWhere(ID.in(List.of())), SELECT_BOOK + " WHERE 1 = 0");
    rendersOn(
        MINIMAL,
        booksWhere(ID.notIn(List.of()).and(TITLE.eq("a"))),
        SELECT_BOOK + " WHERE 1 = 1 AND title = ?",
        bind("a", String.class));
  }

  @Test
  void comparesLowerCaseWithoutIlike() {
    rendersOn(
        MINIMAL,
        booksWhere(TITLE.containsIgnoreCase("Dune")),
        SELECT_BOOK + " WHERE LOWER(title) LIKE LOWER(?) ESCAPE '\\'",
        bind("%Dune%", String.class));
  }

  @Test
  void rejectsNullsOrderingNamingDialectAndFeature() {
    Select select = Select.from(Book.class).withOrderBy(List.of(PAGES.asc().nullsFirst()));
    assertThatThrownBy(() -> MINIMAL.select(select))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessage("The Minimal dialect does not support NULLS FIRST/LAST");
  }

  @Test
  void bulkInsertFallsBackToValuesWithGeneratedKeys() {
    Insert insert =
        new Insert(
            Book.class, List.of("title"), List.of(List.of("A"), List.of("B")), List.of("id"));
    SqlStatement s =
        rendersOn(
            MINIMAL,
            r -> r.bulkInsert(insert),
            "INSERT INTO book (title) VALUES (?), (?)",
            bind("A", String.class),
            bind("B", String.class));
    assertThat(s.generatedKeys()).containsExactly("id");
  }
}
