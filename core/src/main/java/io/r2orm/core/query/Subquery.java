package io.r2orm.core.query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A general select: chosen columns, entities and computed values from one or more joined tables,
 * with grouping, {@code HAVING}, {@code DISTINCT}, order, limit and offset. Immutable: every {@code
 * with…} step returns a copy, so the record is its own builder. Used directly as a subquery ({@code
 * Artist_.ID.in(Subquery.select(Album_.ARTIST_ID).from(Album.class))}); the adapter's {@code
 * db.select(fields…)} wraps it to run it.
 *
 * @param items what each row holds, in order; at least one
 * @param distinctRows whether duplicate rows are removed ({@code SELECT DISTINCT})
 * @param distinctOn keys of which only the first row of each distinct value is kept ({@code SELECT
 *     DISTINCT ON (…)}, PostgreSQL), possibly empty
 * @param from the first table, or null to use the entity of the first selected property
 * @param joins the joined tables, in order
 * @param where the row condition, or null
 * @param groupBy the grouping keys, possibly empty
 * @param having the group condition, or null
 * @param orderBy the sort keys, possibly empty
 * @param limit the maximum number of rows, or null
 * @param offset rows to skip, or null
 * @param lock row locking, or null
 * @param combined queries combined with this one ({@code UNION}, {@code INTERSECT}, {@code
 *     EXCEPT}), in order; this query's order, limit and offset then apply to the combined rows
 * @param commonTables the common tables this query declares ({@code WITH name AS (…)}), in order;
 *     each may read those before it
 */
public record Subquery(
    List<SelectItem> items,
    boolean distinctRows,
    List<Expression> distinctOn,
    @Nullable TableRef<?> from,
    List<Join> joins,
    @Nullable Predicate where,
    List<Expression> groupBy,
    @Nullable Predicate having,
    List<Order> orderBy,
    @Nullable Long limit,
    @Nullable Long offset,
    @Nullable Lock lock,
    List<Combined> combined,
    List<CommonTable<?>> commonTables) {

  public Subquery {
    items = List.copyOf(items);
    distinctOn = List.copyOf(distinctOn);
    combined = List.copyOf(combined);
    commonTables = List.copyOf(commonTables);
    if (items.isEmpty()) {
      throw new IllegalArgumentException("a query selects at least one field or table");
    }
    joins = List.copyOf(joins);
    groupBy = List.copyOf(groupBy);
    orderBy = List.copyOf(orderBy);
    if (limit != null && limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, got " + limit);
    }
    if (offset != null && offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, got " + offset);
    }
  }

  /** A query selecting these fields and tables. */
  public static Subquery select(Selectable<?>... items) {
    return select(Arrays.asList(items));
  }

  /** A query selecting these fields and tables. */
  public static Subquery select(List<? extends Selectable<?>> items) {
    List<SelectItem> nodes = new ArrayList<>();
    for (Selectable<?> s : items) {
      nodes.add(Objects.requireNonNull(s, "a selected item must not be null").selectItem());
    }
    return new Subquery(
        nodes, false, List.of(), null, List.of(), null, List.of(), null, List.of(), null, null,
        null, List.of(), List.of());
  }

  /**
   * Declares common tables ({@code WITH name AS (…)}) that this query (or a subquery inside it) may
   * read through {@link CommonTable#table()}; added after those already declared.
   *
   * @throws IllegalArgumentException when a name is declared twice
   */
  public Subquery with(CommonTable<?>... tables) {
    List<CommonTable<?>> next = new ArrayList<>(commonTables);
    for (CommonTable<?> t : tables) {
      Objects.requireNonNull(t, "a common table must not be null");
      if (next.stream().anyMatch(d -> d.name().equalsIgnoreCase(t.name()))) {
        throw new IllegalArgumentException(
            "common table '" + t.name() + "' is declared twice; give each one its own name");
      }
      next.add(t);
    }
    Draft copy = new Draft(this);
    copy.commonTables = next;
    return copy.build();
  }

  /** Reads from the entity's table. */
  public Subquery from(Class<?> entity) {
    return from(TableRef.of(entity));
  }

  /** Reads from this table (aliased for self-joins). */
  public Subquery from(TableRef<?> table) {
    Objects.requireNonNull(table, "table must not be null");
    Draft copy = new Draft(this);
    copy.from = table;
    return copy.build();
  }

  /** Adds a join. */
  public Subquery join(Join join) {
    List<Join> next = new ArrayList<>(joins);
    next.add(Objects.requireNonNull(join, "join must not be null"));
    Draft copy = new Draft(this);
    copy.joins = next;
    return copy.build();
  }

  /** Inner join along a declared relation (its target table under its own name). */
  public Subquery join(Relation<?, ?> relation) {
    return join(new Join(Join.Type.INNER, TableRef.of(relation.target()), null, relation));
  }

  /** Inner join along a declared relation to an aliased table. */
  public Subquery join(Relation<?, ?> relation, TableRef<?> target) {
    return join(new Join(Join.Type.INNER, target, null, relation));
  }

  /** Inner join of a table on a condition. */
  public Subquery join(TableRef<?> table, Predicate on) {
    return join(
        new Join(Join.Type.INNER, table, Objects.requireNonNull(on, "on must not be null"), null));
  }

  /** Left outer join along a declared relation. */
  public Subquery leftJoin(Relation<?, ?> relation) {
    return join(new Join(Join.Type.LEFT, TableRef.of(relation.target()), null, relation));
  }

  /** Left outer join along a declared relation to an aliased table. */
  public Subquery leftJoin(Relation<?, ?> relation, TableRef<?> target) {
    return join(new Join(Join.Type.LEFT, target, null, relation));
  }

  /** Left outer join of a table on a condition. */
  public Subquery leftJoin(TableRef<?> table, Predicate on) {
    return join(
        new Join(Join.Type.LEFT, table, Objects.requireNonNull(on, "on must not be null"), null));
  }

  /** Adds a row condition (and-ed with any earlier one). */
  public Subquery where(Predicate predicate) {
    Objects.requireNonNull(predicate, "predicate must not be null");
    Predicate p = where == null ? predicate : where.and(predicate);
    Draft copy = new Draft(this);
    copy.where = p;
    return copy.build();
  }

  /** Groups by these fields (replacing earlier keys). */
  public Subquery groupBy(Field<?>... keys) {
    List<Expression> next = Arrays.stream(keys).map(Field::expression).toList();
    Draft copy = new Draft(this);
    copy.groupBy = next;
    return copy.build();
  }

  /** Adds a group condition (and-ed with any earlier one), e.g. {@code count().gt(3L)}. */
  public Subquery having(Predicate predicate) {
    Objects.requireNonNull(predicate, "predicate must not be null");
    Predicate p = having == null ? predicate : having.and(predicate);
    Draft copy = new Draft(this);
    copy.having = p;
    return copy.build();
  }

  /** Sorts by these keys (replacing earlier ones). */
  public Subquery orderBy(Order... orders) {
    return orderBy(Arrays.asList(orders));
  }

  /** Sorts by these keys (replacing earlier ones). */
  public Subquery orderBy(List<Order> orders) {
    Draft copy = new Draft(this);
    copy.orderBy = orders;
    return copy.build();
  }

  /** Returns at most this many rows. */
  public Subquery limit(long rows) {
    Draft copy = new Draft(this);
    copy.limit = rows;
    return copy.build();
  }

  /** Skips this many rows. */
  public Subquery offset(long rows) {
    Draft copy = new Draft(this);
    copy.offset = rows;
    return copy.build();
  }

  /** Removes duplicate rows ({@code SELECT DISTINCT}). */
  public Subquery distinct() {
    Draft copy = new Draft(this);
    copy.distinctRows = true;
    return copy.build();
  }

  /**
   * Keeps the first row of each distinct value of these keys, in the query's order: {@code SELECT
   * DISTINCT ON (keys) …} — the latest order per customer, the longest track per album. The order
   * must start with the same keys. PostgreSQL only; on other databases rendering fails with an
   * {@link io.r2orm.core.exception.UnsupportedFeatureException} (use {@code rowNumber()} over a
   * window there).
   */
  public Subquery distinctOn(Field<?>... keys) {
    if (keys.length == 0) {
      throw new IllegalArgumentException("distinctOn needs at least one key");
    }
    List<Expression> next =
        Arrays.stream(keys).map(k -> Objects.requireNonNull(k, "key").expression()).toList();
    Draft copy = new Draft(this);
    copy.distinctOn = next;
    return copy.build();
  }

  /** Locks the rows read ({@code FOR UPDATE}/{@code FOR SHARE}); run it in a transaction. */
  public Subquery lock(Lock l) {
    Draft copy = new Draft(this);
    copy.lock = l;
    return copy.build();
  }

  /** How a query's rows combine with another's. */
  public enum SetOperator {
    UNION,
    UNION_ALL,
    INTERSECT,
    EXCEPT;

    String sql() {
      return this == UNION_ALL ? "UNION ALL" : name();
    }
  }

  /**
   * A query whose rows are combined with the ones before it.
   *
   * @param operator how they combine
   * @param query the other query: as many items, and no order, limit, offset or lock of its own
   */
  public record Combined(SetOperator operator, Subquery query) {
    public Combined {
      Objects.requireNonNull(operator, "operator must not be null");
      Objects.requireNonNull(query, "query must not be null");
    }

    /** The keyword(s), e.g. {@code UNION ALL}. */
    public String sql() {
      return operator.sql();
    }
  }

  /**
   * Combines this query's rows with another's ({@code UNION} removes duplicates, {@code UNION_ALL}
   * keeps them, {@code INTERSECT} keeps rows in both, {@code EXCEPT} removes the other's). The
   * other query selects as many items, of matching types, and has no order, limit, offset or lock:
   * this query's order, limit and offset apply to the combined rows, and may only sort by selected
   * items.
   */
  public Subquery combine(SetOperator operator, Subquery other) {
    Objects.requireNonNull(other, "other must not be null");
    if (other.items().size() != items.size()) {
      throw new IllegalArgumentException(
          operator.sql()
              + " of queries selecting "
              + items.size()
              + " and "
              + other.items().size()
              + " items; both must select as many, of matching types");
    }
    if (!other.orderBy().isEmpty()
        || other.limit() != null
        || other.offset() != null
        || other.lock() != null
        || !other.combined().isEmpty()) {
      throw new IllegalArgumentException(
          "the query combined with "
              + operator.sql()
              + " has an order, a limit, an offset, "
              + "a lock or combinations of its own; order and limit the combined query instead");
    }
    List<Combined> next = new ArrayList<>(combined);
    next.add(new Combined(operator, other));
    Draft copy = new Draft(this);
    copy.combined = next;
    return copy.build();
  }

  /**
   * A mutable copy of a query's parts: each step changes what it changes and builds a new query.
   */
  private static final class Draft {
    List<SelectItem> items;
    boolean distinctRows;
    List<Expression> distinctOn;
    @Nullable TableRef<?> from;
    List<Join> joins;
    @Nullable Predicate where;
    List<Expression> groupBy;
    @Nullable Predicate having;
    List<Order> orderBy;
    @Nullable Long limit;
    @Nullable Long offset;
    @Nullable Lock lock;
    List<Combined> combined;
    List<CommonTable<?>> commonTables;

    Draft(Subquery q) {
      items = q.items;
      distinctRows = q.distinctRows;
      distinctOn = q.distinctOn;
      from = q.from;
      joins = q.joins;
      where = q.where;
      groupBy = q.groupBy;
      having = q.having;
      orderBy = q.orderBy;
      limit = q.limit;
      offset = q.offset;
      lock = q.lock;
      combined = q.combined;
      commonTables = q.commonTables;
    }

    Subquery build() {
      return new Subquery(
          items,
          distinctRows,
          distinctOn,
          from,
          joins,
          where,
          groupBy,
          having,
          orderBy,
          limit,
          offset,
          lock,
          combined,
          commonTables);
    }
  }
}
