package io.r2orm.r2dbc;

import io.r2orm.core.internal.mapping.ProjectionMapper;
import io.r2orm.core.internal.render.RenderedQuery;
import io.r2orm.core.query.CommonTable;
import io.r2orm.core.query.Field;
import io.r2orm.core.query.Lock;
import io.r2orm.core.query.Order;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.Relation;
import io.r2orm.core.query.Subquery;
import io.r2orm.core.query.TableRef;
import io.r2orm.core.sql.SqlStatement;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A query selecting fields, computed values and whole entities from one or more joined tables, with
 * grouping, {@code HAVING}, {@code DISTINCT}, order and limit; rows come back as the selected
 * value, a Reactor tuple, or a record/DTO built by constructor ({@link #into}). Immutable and lazy.
 *
 * <pre>{@code
 * Flux<Row2<String, Long>> albumsPerArtist = db.select(Artist_.NAME, count())
 *     .from(Artist.class).join(Artist_.ALBUMS)
 *     .groupBy(Artist_.NAME).having(count().gt(1L))
 *     .orderBy(count().desc())
 *     .all();
 * }</pre>
 *
 * @param <R> what each row becomes
 */
public final class ResultQuery<R> {
  /** Stands for a row whose only item is NULL, which a Flux cannot carry. */
  private static final Object NULL_ROW = new Object();

  private final Database db;
  private final Subquery query;
  private final Function<ProjectionMapper, Function<Object[], R>> shape;

  ResultQuery(
      Database db, Subquery query, Function<ProjectionMapper, Function<Object[], R>> shape) {
    this.db = db;
    this.query = query;
    this.shape = shape;
  }

  private ResultQuery<R> next(Subquery q) {
    return new ResultQuery<>(db, q, shape);
  }

  /**
   * Declares common tables ({@code WITH name AS (…)}) that the query reads through {@link
   * CommonTable#table()}, in {@code from}, a join or a subquery.
   */
  public ResultQuery<R> with(CommonTable<?>... tables) {
    return next(query.with(tables));
  }

  /** Reads from this entity's table (optional when the first selected field names it). */
  public ResultQuery<R> from(Class<?> entity) {
    return next(query.from(entity));
  }

  /** Reads from this (aliased) table. */
  public ResultQuery<R> from(TableRef<?> table) {
    return next(query.from(table));
  }

  /** Inner join along a declared relation; the condition comes from the mapping. */
  public ResultQuery<R> join(Relation<?, ?> relation) {
    return next(query.join(relation));
  }

  /** Inner join along a declared relation to an aliased table (self-joins). */
  public ResultQuery<R> join(Relation<?, ?> relation, TableRef<?> target) {
    return next(query.join(relation, target));
  }

  /** Inner join of an entity's table on a condition. */
  public ResultQuery<R> join(Class<?> entity, Predicate on) {
    return next(query.join(TableRef.of(entity), on));
  }

  /** Inner join of a table on a condition. */
  public ResultQuery<R> join(TableRef<?> table, Predicate on) {
    return next(query.join(table, on));
  }

  /** Left outer join along a declared relation; a missing related entity reads as null. */
  public ResultQuery<R> leftJoin(Relation<?, ?> relation) {
    return next(query.leftJoin(relation));
  }

  /** Left outer join along a declared relation to an aliased table. */
  public ResultQuery<R> leftJoin(Relation<?, ?> relation, TableRef<?> target) {
    return next(query.leftJoin(relation, target));
  }

  /** Left outer join of an entity's table on a condition. */
  public ResultQuery<R> leftJoin(Class<?> entity, Predicate on) {
    return next(query.leftJoin(TableRef.of(entity), on));
  }

  /** Left outer join of a table on a condition. */
  public ResultQuery<R> leftJoin(TableRef<?> table, Predicate on) {
    return next(query.leftJoin(table, on));
  }

  /** Adds a row condition (and-ed with any earlier one). */
  public ResultQuery<R> where(Predicate predicate) {
    return next(query.where(predicate));
  }

  /** Groups by these fields. */
  public ResultQuery<R> groupBy(Field<?>... keys) {
    return next(query.groupBy(keys));
  }

  /** Adds a group condition, e.g. {@code having(count().gt(3L))}. */
  public ResultQuery<R> having(Predicate predicate) {
    return next(query.having(predicate));
  }

  /** Sorts by these keys, replacing earlier ones. */
  public ResultQuery<R> orderBy(Order... orders) {
    return next(query.orderBy(orders));
  }

  /** Sorts by these keys, replacing earlier ones. */
  public ResultQuery<R> orderBy(List<Order> orders) {
    return next(query.orderBy(orders));
  }

  /** Returns at most this many rows. */
  public ResultQuery<R> limit(long rows) {
    return next(query.limit(rows));
  }

  /** Skips this many rows. */
  public ResultQuery<R> offset(long rows) {
    return next(query.offset(rows));
  }

  /** Removes duplicate rows. */
  public ResultQuery<R> distinct() {
    return next(query.distinct());
  }

  /**
   * Keeps the first row of each distinct value of these keys, in this query's order ({@code SELECT
   * DISTINCT ON}, PostgreSQL only; the order must start with the keys). See {@link
   * Subquery#distinctOn}.
   */
  public ResultQuery<R> distinctOn(Field<?>... keys) {
    return next(query.distinctOn(keys));
  }

  /**
   * The rows of this query and of {@code other}, without duplicates ({@code UNION}). {@code other}
   * selects as many items of matching types and has no order or limit of its own; this query's
   * order and limit apply to the combined rows and may sort only by selected items.
   */
  public ResultQuery<R> union(ResultQuery<?> other) {
    return next(query.combine(Subquery.SetOperator.UNION, other.toQuery()));
  }

  /**
   * The rows of this query and of {@code other}, duplicates kept ({@code UNION ALL}); see {@link
   * #union}.
   */
  public ResultQuery<R> unionAll(ResultQuery<?> other) {
    return next(query.combine(Subquery.SetOperator.UNION_ALL, other.toQuery()));
  }

  /** The rows both queries return ({@code INTERSECT}); see {@link #union}. */
  public ResultQuery<R> intersect(ResultQuery<?> other) {
    return next(query.combine(Subquery.SetOperator.INTERSECT, other.toQuery()));
  }

  /**
   * The rows of this query that {@code other} does not return ({@code EXCEPT}); see {@link #union}.
   */
  public ResultQuery<R> except(ResultQuery<?> other) {
    return next(query.combine(Subquery.SetOperator.EXCEPT, other.toQuery()));
  }

  /** Locks the rows read until the transaction ends. */
  public ResultQuery<R> lock(Lock lock) {
    return next(query.lock(lock));
  }

  /**
   * Builds each row into {@code type} by constructor: a record's canonical constructor, or a
   * class's only public constructor with one parameter per selected item, in select order. Checked
   * now: a constructor that does not fit is an error naming the mismatch.
   */
  public <T> ResultQuery<T> into(Class<T> type) {
    Objects.requireNonNull(type, "type must not be null");
    ProjectionMapper.of(db.renderer().query(query)).constructor(type);
    return new ResultQuery<>(db, query, mapper -> mapper.constructor(type));
  }

  /** The query tree, for use as a subquery ({@code Artist_.ID.in(q.toQuery())}). */
  public Subquery toQuery() {
    return query;
  }

  /** The SQL and binds this query would send, without running it. */
  public SqlStatement toSql() {
    return db.renderer().query(query).statement();
  }

  /**
   * Streams the rows with backpressure. A row whose only selected item is NULL (a NULL column, an
   * aggregate of no rows, a missing outer-join entity) emits nothing, since a Reactor stream
   * carries no nulls; select it beside another item, or {@code coalesce} it, to see such rows.
   */
  public Flux<R> all() {
    return Flux.defer(
        () -> {
          RenderedQuery rendered = db.renderer().query(query);
          ProjectionMapper mapper = ProjectionMapper.of(rendered);
          Function<Object[], R> build = shape.apply(mapper);
          // Drivers differ on a mapper returning null (PostgreSQL skips the row, H2 fails), so map
          // NULL to a marker and leave it out here.
          return db.engine()
              .executor()
              .read(
                  rendered.statement(),
                  n -> db.renderer().query(atMostQuery(n)).statement(),
                  (row, meta) -> {
                    Object value = build.apply(mapper.read(row::get));
                    return value == null ? NULL_ROW : value;
                  },
                  db.engine().executor().bounded(query.limit()))
              .filter(value -> value != NULL_ROW)
              .map(this::cast);
        });
  }

  @SuppressWarnings("unchecked")
  private R cast(Object value) {
    return (R) value;
  }

  /**
   * The only row, or empty; more than one row fails with {@link
   * io.r2orm.core.exception.NonUniqueResultException}.
   */
  public Mono<R> one() {
    return Results.atMostOne(
        atMost(2).all(),
        () ->
            "Expected at most one row but the query returned more; SQL: "
                + toSql().sql()
                + "; add a condition or use first()");
  }

  /** The first row (in the query's order), or empty. */
  public Mono<R> first() {
    return atMost(1).all().next();
  }

  private Subquery atMostQuery(long rows) {
    return query.limit() != null && query.limit() <= rows ? query : query.limit(rows);
  }

  /** This query reading at most {@code rows} rows, keeping a smaller limit of its own. */
  private ResultQuery<R> atMost(long rows) {
    return query.limit() != null && query.limit() <= rows ? this : next(query.limit(rows));
  }

  /** The number of rows the query returns. */
  public Mono<Long> count() {
    return Mono.defer(
        () ->
            db.engine()
                .executor()
                .read(
                    db.renderer().count(query),
                    (row, meta) -> Objects.requireNonNull(row.get(0, Long.class)))
                .single());
  }

  @Override
  public String toString() {
    return "ResultQuery[" + toSql().sql() + "]";
  }
}
