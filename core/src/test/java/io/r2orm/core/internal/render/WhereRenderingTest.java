package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Fixtures.AUTHOR_ID;
import static io.r2orm.core.internal.render.Fixtures.GENRE;
import static io.r2orm.core.internal.render.Fixtures.ID;
import static io.r2orm.core.internal.render.Fixtures.PAGES;
import static io.r2orm.core.internal.render.Fixtures.SELECT_BOOK;
import static io.r2orm.core.internal.render.Fixtures.TITLE;
import static io.r2orm.core.internal.render.Fixtures.booksWhere;
import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOnBoth;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import io.r2orm.core.internal.render.Fixtures.Genre;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.sql.Bind;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every single condition, golden on PostgreSQL and H2 (both write {@code $n}, arrays and ILIKE).
 */
class WhereRenderingTest {

  static Stream<Arguments> comparisons() {
    return Stream.of(
        arguments("eq", TITLE.eq("Dune"), "title = $1", List.of(bind("Dune", String.class))),
        arguments("ne", TITLE.ne("Dune"), "title <> $1", List.of(bind("Dune", String.class))),
        arguments("lt", PAGES.lt(100), "pages < $1", List.of(bind(100, Integer.class))),
        arguments("le", PAGES.le(100), "pages <= $1", List.of(bind(100, Integer.class))),
        arguments("gt", PAGES.gt(100), "pages > $1", List.of(bind(100, Integer.class))),
        arguments("ge", PAGES.ge(100), "pages >= $1", List.of(bind(100, Integer.class))),
        arguments("gt on a Long", ID.gt(7L), "id > $1", List.of(bind(7L, Long.class))),
        arguments(
            "between",
            PAGES.between(100, 200),
            "pages BETWEEN $1 AND $2",
            List.of(bind(100, Integer.class), bind(200, Integer.class))),
        arguments("isNull", PAGES.isNull(), "pages IS NULL", List.of()),
        arguments("isNotNull", PAGES.isNotNull(), "pages IS NOT NULL", List.of()),
        arguments("eq(null) is IS NULL", TITLE.eq((String) null), "title IS NULL", List.of()),
        arguments(
            "ne(null) is IS NOT NULL", TITLE.ne((String) null), "title IS NOT NULL", List.of()),
        arguments("column = column", AUTHOR_ID.eq(ID), "author_id = id", List.of()),
        arguments(
            "enum eq binds the name",
            GENRE.eq(Genre.FANTASY),
            "genre = $1",
            List.of(bind("FANTASY", String.class))));
  }

  static Stream<Arguments> lists() {
    return Stream.of(
        arguments(
            "in",
            ID.in(List.of(1L, 2L, 3L)),
            "id = ANY($1)",
            List.of(bind(new Long[] {1L, 2L, 3L}, Long[].class))),
        arguments(
            "in varargs",
            ID.in(4L, 5L),
            "id = ANY($1)",
            List.of(bind(new Long[] {4L, 5L}, Long[].class))),
        arguments(
            "notIn",
            ID.notIn(List.of(1L, 2L)),
            "id <> ALL($1)",
            List.of(bind(new Long[] {1L, 2L}, Long[].class))),
        arguments(
            "in empty", ID.in(List.of()), "id = ANY($1)", List.of(bind(new Long[0], Long[].class))),
        arguments(
            "notIn empty",
            ID.notIn(List.of()),
            "id <> ALL($1)",
            List.of(bind(new Long[0], Long[].class))),
        arguments(
            "in enums binds names",
            GENRE.in(Genre.FANTASY, Genre.CRIME),
            "genre = ANY($1)",
            List.of(bind(new String[] {"FANTASY", "CRIME"}, String[].class))));
  }

  static Stream<Arguments> patterns() {
    String like = " ESCAPE '\\'";
    return Stream.of(
        arguments(
            "like",
            TITLE.like("Du_e%"),
            "title LIKE $1" + like,
            List.of(bind("Du_e%", String.class))),
        arguments(
            "notLike",
            TITLE.notLike("Du%"),
            "title NOT LIKE $1" + like,
            List.of(bind("Du%", String.class))),
        arguments(
            "likeIgnoreCase",
            TITLE.likeIgnoreCase("du%"),
            "title ILIKE $1" + like,
            List.of(bind("du%", String.class))),
        // the user text 100%_a\b must match literally: each of % _ \ gets a backslash
        arguments(
            "startsWith",
            TITLE.startsWith("100%_a\\b"),
            "title LIKE $1" + like,
            List.of(bind("100\\%\\_a\\\\b%", String.class))),
        arguments(
            "endsWith",
            TITLE.endsWith("100%_a\\b"),
            "title LIKE $1" + like,
            List.of(bind("%100\\%\\_a\\\\b", String.class))),
        arguments(
            "contains",
            TITLE.contains("100%_a\\b"),
            "title LIKE $1" + like,
            List.of(bind("%100\\%\\_a\\\\b%", String.class))),
        arguments(
            "containsIgnoreCase",
            TITLE.containsIgnoreCase("DUNE_"),
            "title ILIKE $1" + like,
            List.of(bind("%DUNE\\_%", String.class))),
        arguments(
            "eqIgnoreCase",
            TITLE.eqIgnoreCase("dune%"),
            "title ILIKE $1" + like,
            List.of(bind("dune\\%", String.class))));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource({"comparisons", "lists", "patterns"})
  void rendersCondition(String name, Predicate where, String sql, List<Bind> binds) {
    rendersOnBoth(booksWhere(where), SELECT_BOOK + " WHERE " + sql, binds.toArray(Bind[]::new));
  }

  @Test
  void rejectsComparisonWithNull() {
    assertThatThrownBy(() -> PAGES.lt((Integer) null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Book.pages")
        .hasMessageContaining("isNull()");
  }

  @Test
  void rejectsNullInsideAList() {
    assertThatThrownBy(() -> ID.in(1L, null)).isInstanceOf(NullPointerException.class);
  }
}
