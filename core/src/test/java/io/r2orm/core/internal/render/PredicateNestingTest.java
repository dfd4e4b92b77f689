package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Fixtures.GENRE;
import static io.r2orm.core.internal.render.Fixtures.PAGES;
import static io.r2orm.core.internal.render.Fixtures.SELECT_BOOK;
import static io.r2orm.core.internal.render.Fixtures.TITLE;
import static io.r2orm.core.internal.render.Fixtures.booksWhere;
import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOnBoth;

import io.r2orm.core.internal.render.Fixtures.Book;
import io.r2orm.core.internal.render.Fixtures.Genre;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.Select;
import io.r2orm.core.sql.Bind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Parentheses go exactly where precedence needs them, and binds follow the text order. */
class PredicateNestingTest {
  private static final Bind A = bind("a", String.class);
  private static final Bind B = bind("b", String.class);

  private static void rendersWhere(Predicate where, String sql, Bind... binds) {
    rendersOnBoth(booksWhere(where), SELECT_BOOK + " WHERE " + sql, binds);
  }

  @Test
  void chainedAndsAreFlat() {
    rendersWhere(
        TITLE.eq("a").and(PAGES.gt(1)).and(PAGES.lt(9)),
        "title = $1 AND pages > $2 AND pages < $3",
        A,
        bind(1, Integer.class),
        bind(9, Integer.class));
  }

  @Test
  void chainedOrsAreFlat() {
    rendersWhere(
        TITLE.eq("a").or(TITLE.eq("b")).or(TITLE.isNull()),
        "title = $1 OR title = $2 OR title IS NULL",
        A,
        B);
  }

  @Test
  void parenthesisesOrInsideAnd() {
    rendersWhere(
        TITLE.eq("a").and(PAGES.gt(1).or(PAGES.isNull())),
        "title = $1 AND (pages > $2 OR pages IS NULL)",
        A,
        bind(1, Integer.class));
  }

  @Test
  void parenthesisesAndInsideOr() {
    rendersWhere(
        TITLE.eq("a").or(PAGES.gt(1).and(PAGES.lt(9))),
        "title = $1 OR (pages > $2 AND pages < $3)",
        A,
        bind(1, Integer.class),
        bind(9, Integer.class));
  }

  @Test
  void parenthesisesEveryLevelOfDeepNesting() {
    Predicate left = TITLE.eq("a").or(TITLE.eq("b"));
    Predicate right = PAGES.gt(1).or(PAGES.lt(9).and(GENRE.eq(Genre.CRIME)).not());
    rendersWhere(
        left.and(right),
        "(title = $1 OR title = $2) AND (pages > $3 OR NOT (pages < $4 AND genre = $5))",
        A,
        B,
        bind(1, Integer.class),
        bind(9, Integer.class),
        bind("CRIME", String.class));
  }

  @Test
  void andInsideOrInsideAnd() {
    rendersWhere(
        TITLE.eq("a").and(TITLE.eq("b").or(PAGES.gt(1).and(PAGES.lt(9)))),
        "title = $1 AND (title = $2 OR (pages > $3 AND pages < $4))",
        A,
        B,
        bind(1, Integer.class),
        bind(9, Integer.class));
  }

  @Test
  void notWrapsItsPart() {
    rendersWhere(TITLE.eq("a").not(), "NOT (title = $1)", A);
    rendersWhere(TITLE.eq("a").or(TITLE.isNull()).not(), "NOT (title = $1 OR title IS NULL)", A);
    rendersWhere(TITLE.eq("a").and(PAGES.isNull()).not(), "NOT (title = $1 AND pages IS NULL)", A);
  }

  @Test
  void emptyAndIsTrueAndEmptyOrIsFalse() {
    rendersWhere(Predicate.all(List.of()), "1 = 1");
    rendersWhere(Predicate.any(List.of()), "1 = 0");
    rendersWhere(TITLE.eq("a").or(Predicate.all(List.of())), "title = $1 OR 1 = 1", A);
  }

  @Test
  void singlePartJunctionIsJustThePart() {
    rendersWhere(Predicate.all(List.of(TITLE.eq("a"))), "title = $1", A);
    rendersWhere(
        TITLE.eq("b").and(Predicate.any(List.of(TITLE.eq("a")))),
        "title = $1 AND title = $2",
        B,
        A);
  }

  @Test
  void repeatedWhereAndsTheConditions() {
    rendersOnBoth(
        r ->
            r.select(
                Select.from(Book.class).where(TITLE.eq("a")).where(PAGES.isNull().or(PAGES.gt(1)))),
        SELECT_BOOK + " WHERE title = $1 AND (pages IS NULL OR pages > $2)",
        A,
        bind(1, Integer.class));
  }
}
