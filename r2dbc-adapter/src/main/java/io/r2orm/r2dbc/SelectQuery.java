package io.r2orm.r2dbc;

import io.r2orm.core.query.FetchPath;
import io.r2orm.core.query.Lock;
import io.r2orm.core.query.Order;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.Select;
import io.r2orm.core.sql.SqlStatement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A query over one entity's rows. Immutable: every step returns a new query, so a query can be kept
 * and reused. Terminal methods ({@link #all()}, {@link #one()}, {@link #first()}, {@link #count()},
 * {@link #exists()}) are lazy: nothing runs before subscription.
 *
 * @param <T> the entity type
 */
public final class SelectQuery<T> {
  private final Database db;
  private final Select select;
  private final List<FetchPath<T, ?>> fetches;
  private final @Nullable Integer window;

  SelectQuery(Database db, Select select) {
    this(db, select, List.of(), null);
  }

  private SelectQuery(
      Database db, Select select, List<FetchPath<T, ?>> fetches, @Nullable Integer window) {
    this.db = db;
    this.select = select;
    this.fetches = List.copyOf(fetches);
    this.window = window;
  }

  private SelectQuery<T> with(Select s) {
    return new SelectQuery<>(db, s, fetches, window);
  }

  /** Adds a condition (and-ed with any earlier one). */
  public SelectQuery<T> where(Predicate predicate) {
    return with(select.where(predicate));
  }

  /** Sorts by these keys, replacing any earlier order. */
  public SelectQuery<T> orderBy(Order... orders) {
    return with(select.withOrderBy(Arrays.asList(orders)));
  }

  /** Sorts by these keys, replacing any earlier order. */
  public SelectQuery<T> orderBy(List<Order> orders) {
    return with(select.withOrderBy(orders));
  }

  /** Returns at most this many rows. */
  public SelectQuery<T> limit(long rows) {
    return with(select.withLimit(rows));
  }

  /** Skips this many rows. */
  public SelectQuery<T> offset(long rows) {
    return with(select.withOffset(rows));
  }

  /**
   * Locks the selected rows until the transaction ends ({@code FOR UPDATE}); run it inside {@link
   * Database#transaction}. For {@code NOWAIT}, {@code SKIP LOCKED} or {@code FOR SHARE} pass a
   * {@link Lock} to {@link #lock(Lock)}.
   */
  public SelectQuery<T> forUpdate() {
    return lock(Lock.forUpdate());
  }

  /**
   * Locks the selected rows as the {@link Lock} says, e.g. {@code
   * lock(Lock.forUpdate().skipLocked())}.
   */
  public SelectQuery<T> lock(Lock lock) {
    return with(select.withLock(lock));
  }

  /**
   * Loads these relations with the rows (added to earlier fetches): {@code fetch(Book_.AUTHOR,
   * Book_.REVIEWS)}, nested {@code fetch(Author_.BOOKS.then(Book_.REVIEWS))}. Each relation costs
   * one statement per window of parents, never one per parent; see {@link #window(int)}.
   */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, never stored or exposed
  public final SelectQuery<T> fetch(FetchPath<T, ?>... paths) {
    List<FetchPath<T, ?>> all = new ArrayList<>(fetches);
    all.addAll(Arrays.asList(paths));
    return new SelectQuery<>(db, select, all, window);
  }

  /**
   * How many parents are loaded per batch of relation queries (default from {@link
   * Database.Builder#fetchWindow(int)}). Memory is bounded by the window, not by the result.
   */
  public SelectQuery<T> window(int parents) {
    if (parents < 1) {
      throw new IllegalArgumentException("window must be at least 1, got " + parents);
    }
    return new SelectQuery<>(db, select, fetches, parents);
  }

  /** The query tree. */
  public Select toSelect() {
    return select;
  }

  /** The SQL and binds this query would send, without running it (for logs and debugging). */
  public SqlStatement toSql() {
    return db.renderer().select(select);
  }

  /**
   * Streams every matching row as an entity, with backpressure, relations of the fetch plan loaded.
   * Inside a transaction on PostgreSQL the rows are read through a cursor, a window at a time, so
   * that other statements of the transaction can run while the stream is open.
   */
  public Flux<T> all() {
    return db.stream(select, fetches, window);
  }

  /**
   * The only matching row, or empty; fails with {@link
   * io.r2orm.core.exception.NonUniqueResultException} when more than one row matches.
   */
  public Mono<T> one() {
    Select two = select.withLimit(select.limit() == null ? 2L : Math.min(select.limit(), 2L));
    return Results.atMostOne(
        db.stream(two, fetches, window),
        () ->
            "Expected at most one "
                + select.entity().getSimpleName()
                + " but the query matched more; SQL: "
                + db.renderer().select(two).sql()
                + "; add a condition or use first()");
  }

  /** The first matching row (in the query's order), or empty. */
  public Mono<T> first() {
    return db.stream(
            select.withLimit(select.limit() == null ? 1L : Math.min(select.limit(), 1L)),
            fetches,
            window)
        .next();
  }

  /**
   * The first keyset page of {@code size} rows in this query's order (the id is added as the last
   * sort key). Each page is one short query; see {@link #page(int, String)} for the next ones.
   */
  public Mono<KeysetPage<T>> page(int size) {
    return page(size, null);
  }

  /**
   * The keyset page of {@code size} rows after the page token of an earlier page (null for the
   * first page): rows are sought after the last row's sort key values rather than skipped with an
   * offset, so a deep page costs what the first one does.
   *
   * @throws io.r2orm.core.exception.InvalidPageTokenException (as the Mono's error) for a page
   *     token that is malformed or was made for another order
   */
  public Mono<KeysetPage<T>> page(int size, @Nullable String after) {
    if (size < 1) {
      return Mono.error(new IllegalArgumentException("page size must be at least 1, got " + size));
    }
    return Mono.defer(
        () -> {
          if (select.offset() != null || select.limit() != null) {
            throw new IllegalStateException(
                "keyset pages of "
                    + select.entity().getSimpleName()
                    + " set their own limit and do not skip rows; remove limit(...)/offset(...)");
          }
          io.r2orm.core.paging.Keyset keyset =
              io.r2orm.core.paging.Keyset.of(db.model(select.entity()), select.orderBy());
          Select pageSelect = select.withOrderBy(keyset.orderBy()).withLimit((long) size + 1);
          if (after != null) {
            pageSelect = pageSelect.where(keyset.after(after));
          }
          return db.stream(pageSelect, fetches, window)
              .collectList()
              .map(
                  rows -> {
                    if (rows.size() <= size) {
                      return new KeysetPage<>(rows, null);
                    }
                    List<T> items = rows.subList(0, size);
                    return new KeysetPage<>(items, keyset.tokenAfter(items.get(size - 1)));
                  });
        });
  }

  /**
   * Walks every matching row page by page, from the start or from a page token (null for the
   * start), each page its own short query: no connection is held between pages, so a walk of a
   * large table does not pin a connection or a transaction. Pages are read as the subscriber asks.
   */
  public Flux<KeysetPage<T>> pages(int size, @Nullable String after) {
    return page(size, after).expand(p -> p.hasNext() ? page(size, p.next()) : Mono.empty());
  }

  /** Walks every matching row page by page from the start; see {@link #pages(int, String)}. */
  public Flux<KeysetPage<T>> pages(int size) {
    return pages(size, null);
  }

  /** The number of matching rows (honouring limit and offset). */
  public Mono<Long> count() {
    return Mono.defer(
        () ->
            db.engine()
                .executor()
                .read(
                    db.renderer().count(select),
                    (row, meta) -> Objects.requireNonNull(row.get(0, Long.class)))
                .single());
  }

  /** Whether any row matches. */
  public Mono<Boolean> exists() {
    return Mono.defer(
        () ->
            db.engine()
                .executor()
                .read(db.renderer().exists(select), (row, meta) -> Boolean.TRUE)
                .hasElements());
  }

  @Override
  public String toString() {
    return "SelectQuery[" + toSql().sql() + "]";
  }
}
