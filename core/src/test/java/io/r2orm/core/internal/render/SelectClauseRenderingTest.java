package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Fixtures.ID;
import static io.r2orm.core.internal.render.Fixtures.PAGES;
import static io.r2orm.core.internal.render.Fixtures.SELECT_BOOK;
import static io.r2orm.core.internal.render.Fixtures.TITLE;
import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOnBoth;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.internal.render.Fixtures.Book;
import io.r2orm.core.query.Order;
import io.r2orm.core.query.Select;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Select all, ORDER BY, LIMIT/OFFSET, COUNT and EXISTS on PostgreSQL and H2. */
class SelectClauseRenderingTest {
  private static final Select BOOKS = Select.from(Book.class);

  private static Select ordered(Order... orders) {
    return BOOKS.withOrderBy(List.of(orders));
  }

  @Test
  void selectsEveryColumnInModelOrder() {
    rendersOnBoth(r -> r.select(BOOKS), SELECT_BOOK);
  }

  @Test
  void ordersAscendingAndDescending() {
    rendersOnBoth(r -> r.select(ordered(TITLE.asc())), SELECT_BOOK + " ORDER BY title ASC");
    rendersOnBoth(r -> r.select(ordered(TITLE.desc())), SELECT_BOOK + " ORDER BY title DESC");
  }

  @Test
  void ordersNullsFirstOrLast() {
    rendersOnBoth(
        r -> r.select(ordered(PAGES.asc().nullsFirst())),
        SELECT_BOOK + " ORDER BY pages ASC NULLS FIRST");
    rendersOnBoth(
        r -> r.select(ordered(PAGES.desc().nullsLast())),
        SELECT_BOOK + " ORDER BY pages DESC NULLS LAST");
  }

  @Test
  void ordersBySeveralKeysInTheGivenOrder() {
    rendersOnBoth(
        r -> r.select(ordered(PAGES.desc().nullsLast(), TITLE.asc(), ID.desc())),
        SELECT_BOOK + " ORDER BY pages DESC NULLS LAST, title ASC, id DESC");
  }

  @Test
  void bindsLimitAndOffsetAsLongs() {
    rendersOnBoth(
        r -> r.select(BOOKS.withLimit(10L)), SELECT_BOOK + " LIMIT $1", bind(10L, Long.class));
    rendersOnBoth(
        r -> r.select(BOOKS.withOffset(20L)), SELECT_BOOK + " OFFSET $1", bind(20L, Long.class));
  }

  @Test
  void numbersLimitAndOffsetAfterTheConditionBinds() {
    Select page = ordered(ID.asc()).where(TITLE.eq("Dune")).withLimit(10L).withOffset(20L);
    rendersOnBoth(
        r -> r.select(page),
        SELECT_BOOK + " WHERE title = $1 ORDER BY id ASC LIMIT $2 OFFSET $3",
        bind("Dune", String.class),
        bind(10L, Long.class),
        bind(20L, Long.class));
  }

  @Test
  void rejectsNegativeLimitAndOffset() {
    assertThatThrownBy(() -> BOOKS.withLimit(-1L))
        .hasMessageContaining("limit must not be negative");
    assertThatThrownBy(() -> BOOKS.withOffset(-1L))
        .hasMessageContaining("offset must not be negative");
  }

  @Test
  void countsWithoutLimitDroppingTheOrder() {
    Select select = ordered(ID.asc()).where(PAGES.gt(100));
    rendersOnBoth(
        r -> r.count(select),
        "SELECT COUNT(*) FROM book WHERE pages > $1",
        bind(100, Integer.class));
    rendersOnBoth(r -> r.count(BOOKS), "SELECT COUNT(*) FROM book");
  }

  @Test
  void countsWithinLimitAndOffsetThroughASubquery() {
    Select select = ordered(ID.asc()).where(PAGES.gt(100)).withLimit(5L).withOffset(10L);
    rendersOnBoth(
        r -> r.count(select),
        "SELECT COUNT(*) FROM (SELECT 1 AS one FROM book WHERE pages > $1 ORDER BY id ASC LIMIT $2 OFFSET $3) counted",
        bind(100, Integer.class),
        bind(5L, Long.class),
        bind(10L, Long.class));
    rendersOnBoth(
        r -> r.count(BOOKS.withLimit(3L)),
        "SELECT COUNT(*) FROM (SELECT 1 AS one FROM book LIMIT $1) counted",
        bind(3L, Long.class));
  }

  @Test
  void existsSelectsOneRowAtMost() {
    rendersOnBoth(
        r -> r.exists(BOOKS.where(TITLE.eq("Dune"))),
        "SELECT 1 AS one FROM book WHERE title = $1 LIMIT 1",
        bind("Dune", String.class));
    rendersOnBoth(r -> r.exists(BOOKS), "SELECT 1 AS one FROM book LIMIT 1");
  }

  /** Current behaviour (debatable): exists ignores the select's order, limit and offset. */
  @Test
  void existsIgnoresOrderLimitAndOffset() {
    rendersOnBoth(
        r -> r.exists(ordered(ID.asc()).withLimit(5L).withOffset(100L)),
        "SELECT 1 AS one FROM book LIMIT 1");
  }
}
