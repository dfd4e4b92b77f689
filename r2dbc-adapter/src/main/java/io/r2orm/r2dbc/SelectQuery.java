package io.r2orm.r2dbc;

import io.r2orm.core.exception.NonUniqueResultException;
import io.r2orm.core.mapping.EntityMapper;
import io.r2orm.core.query.Order;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.Select;
import io.r2orm.core.sql.SqlStatement;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A query over one entity's rows. Immutable: every step returns a new query, so a query can be
 * kept and reused. Terminal methods ({@link #all()}, {@link #one()}, {@link #first()}, {@link
 * #count()}, {@link #exists()}) are lazy: nothing runs before subscription.
 *
 * @param <T> the entity type
 */
public final class SelectQuery<T> {
  private final Database db;
  private final Select select;

  SelectQuery(Database db, Select select) {
    this.db = db;
    this.select = select;
  }

  /** Adds a condition (and-ed with any earlier one). */
  public SelectQuery<T> where(Predicate predicate) {
    return new SelectQuery<>(db, select.where(predicate));
  }

  /** Sorts by these keys, replacing any earlier order. */
  public SelectQuery<T> orderBy(Order... orders) {
    return new SelectQuery<>(db, select.withOrderBy(Arrays.asList(orders)));
  }

  /** Sorts by these keys, replacing any earlier order. */
  public SelectQuery<T> orderBy(List<Order> orders) {
    return new SelectQuery<>(db, select.withOrderBy(orders));
  }

  /** Returns at most this many rows. */
  public SelectQuery<T> limit(long rows) {
    return new SelectQuery<>(db, select.withLimit(rows));
  }

  /** Skips this many rows. */
  public SelectQuery<T> offset(long rows) {
    return new SelectQuery<>(db, select.withOffset(rows));
  }

  /** The query tree. */
  public Select toSelect() {
    return select;
  }

  /** The SQL and binds this query would send, without running it (for logs and debugging). */
  public SqlStatement toSql() {
    return db.renderer().select(select);
  }

  /** Streams every matching row as an entity, with backpressure. */
  public Flux<T> all() {
    return Flux.defer(() -> {
      @SuppressWarnings("unchecked")
      EntityMapper<T> mapper = (EntityMapper<T>) db.mapper(select.entity());
      return db.executor().query(db.renderer().select(select), (row, meta) -> mapper.map(row::get));
    });
  }

  /**
   * The only matching row, or empty; fails with {@link NonUniqueResultException} when more than
   * one row matches.
   */
  public Mono<T> one() {
    Select two = select.withLimit(2L);
    return new SelectQuery<T>(db, two).all().collectList().flatMap(rows -> {
      if (rows.size() > 1) {
        return Mono.error(new NonUniqueResultException("Expected at most one " + select.entity().getSimpleName()
            + " but the query matched more; SQL: " + db.renderer().select(two).sql()
            + "; add a condition or use first()"));
      }
      return Mono.justOrEmpty(rows.isEmpty() ? null : rows.get(0));
    });
  }

  /** The first matching row (in the query's order), or empty. */
  public Mono<T> first() {
    return new SelectQuery<T>(db, select.withLimit(1L)).all().next();
  }

  /** The number of matching rows (honouring limit and offset). */
  public Mono<Long> count() {
    return Mono.defer(() -> db.executor()
        .query(db.renderer().count(select), (row, meta) -> Objects.requireNonNull(row.get(0, Long.class)))
        .single());
  }

  /** Whether any row matches. */
  public Mono<Boolean> exists() {
    return Mono.defer(() -> db.executor().query(db.renderer().exists(select), (row, meta) -> Boolean.TRUE).hasElements());
  }

  @Override
  public String toString() {
    return "SelectQuery[" + toSql().sql() + "]";
  }
}
