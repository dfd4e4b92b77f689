package io.r2orm.r2dbc;

import io.r2dbc.spi.ColumnMetadata;
import io.r2orm.core.convert.ValueType;
import io.r2orm.core.convert.ValueTypes;
import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.internal.mapping.ResultMapper;
import io.r2orm.core.internal.render.NamedParameters;
import io.r2orm.core.sql.Bind;
import io.r2orm.core.sql.SqlStatement;
import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Hand-written SQL, for what the query builder does not cover. Parameters are named ({@code
 * :title}) and are always binds; results map to entities or records by column name. Immutable and
 * lazy like every other query.
 *
 * <pre>{@code
 * Flux<TitleCount> counts = db.sql("SELECT title, COUNT(*) AS copies FROM book WHERE year > :year GROUP BY title")
 *     .bind("year", 1960)
 *     .all(TitleCount.class);     // record TitleCount(String title, long copies)
 * }</pre>
 *
 * <p>Values convert as they do for entity properties ({@code Instant}, enums by name, …); a {@code
 * Collection} or array becomes one array bind, for {@code = ANY(:ids)}.
 */
public final class SqlQuery {
  private final Database db;
  private final String sql;
  private final Map<String, Bind> binds;

  SqlQuery(Database db, String sql, Map<String, Bind> binds) {
    this.db = db;
    this.sql = Objects.requireNonNull(sql, "sql must not be null");
    this.binds = binds;
  }

  /**
   * Binds a value to {@code :name} (null binds NULL as text; prefer {@link #bindNull} for other
   * types).
   */
  public SqlQuery bind(String name, Object value) {
    Objects.requireNonNull(name, "name must not be null");
    if (value == null) {
      return bindNull(name, String.class);
    }
    return with(name, convert(name, value));
  }

  /** Binds NULL of this Java type to {@code :name}. */
  public SqlQuery bindNull(String name, Class<?> type) {
    Objects.requireNonNull(name, "name must not be null");
    Objects.requireNonNull(type, "type must not be null");
    Class<?> driverType =
        type.isEnum()
            ? String.class
            : ValueTypes.builtIn(type).map(ValueType::databaseType).orElse(type);
    return with(name, new Bind(null, driverType));
  }

  private SqlQuery with(String name, Bind bind) {
    Map<String, Bind> next = new LinkedHashMap<>(binds);
    next.put(name, bind);
    return new SqlQuery(db, sql, next);
  }

  /** The statement this query sends, with the dialect's markers and the binds in order. */
  public SqlStatement toSql() {
    NamedParameters parsed = NamedParameters.parse(sql, db.dialect());
    Set<String> unused = new TreeSet<>(binds.keySet());
    List<Bind> ordered = new ArrayList<>();
    for (String name : parsed.names()) {
      Bind b = binds.get(name);
      if (b == null) {
        throw new QueryBuildException(
            "The SQL uses :"
                + name
                + " but no value was bound for it; bound: "
                + binds.keySet()
                + "; SQL: "
                + sql);
      }
      unused.remove(name);
      ordered.add(b);
    }
    if (!unused.isEmpty()) {
      throw new QueryBuildException(
          "Values were bound for " + unused + ", which the SQL does not use; SQL: " + sql);
    }
    if (ordered.size() > db.dialect().maxBindParameters()) {
      throw new io.r2orm.core.exception.TooManyParametersException(
          db.dialect().name(), ordered.size(), db.dialect().maxBindParameters(), parsed.sql());
    }
    return new SqlStatement(parsed.sql(), ordered);
  }

  /**
   * Streams the rows mapped by column name to {@code type}: an entity (every column by name,
   * relations unfetched), a record (components by column name), or a built-in type (first column).
   */
  public <R> Flux<R> all(Class<R> type) {
    return rows(type, false);
  }

  /**
   * The rows mapped to {@code type}; bounded: the caller expects few rows (one statement, unpaged).
   */
  private <R> Flux<R> rows(Class<R> type, boolean bounded) {
    Objects.requireNonNull(type, "type must not be null");
    return Flux.defer(
        () -> {
          AtomicReference<ResultMapper<R>> plan = new AtomicReference<>();
          SqlStatement statement = toSql();
          boolean select = isSelect(statement.sql());
          return db.engine()
              .executor()
              .read(
                  statement,
                  select ? n -> probe(statement, n) : null,
                  (row, meta) -> {
                    ResultMapper<R> mapper = plan.get();
                    if (mapper == null) {
                      List<String> names =
                          meta.getColumnMetadatas().stream().map(ColumnMetadata::getName).toList();
                      mapper = ResultMapper.plan(type, names, db.models());
                      plan.set(mapper);
                    }
                    return mapper.map(row::get);
                  },
                  bounded || !select);
        });
  }

  /**
   * Whether the SQL is a plain query (starts with SELECT): only such a statement can be read
   * through a cursor inside a transaction; anything else ({@code INSERT … RETURNING}, {@code WITH},
   * which may change data) is read to its end there.
   */
  private static boolean isSelect(String sql) {
    String s = sql.stripLeading();
    return s.regionMatches(true, 0, "SELECT", 0, 6)
        && (s.length() == 6 || !Character.isLetterOrDigit(s.charAt(6)));
  }

  /**
   * The statement cut to {@code rows} rows, to learn inside a transaction whether its result is
   * short.
   */
  private static SqlStatement probe(SqlStatement statement, int rows) {
    String sql = statement.sql().strip();
    while (sql.endsWith(";")) {
      sql = sql.substring(0, sql.length() - 1).strip();
    }
    // on a line of its own: the SQL may end with a -- comment
    return new SqlStatement(
        "SELECT * FROM (" + sql + "\n) r2orm_probe LIMIT " + rows, statement.binds());
  }

  /** The only row mapped to {@code type}, or empty; more than one row is an error. */
  public <R> Mono<R> one(Class<R> type) {
    return Results.atMostOne(
        rows(type, true), () -> "Expected at most one row but the SQL returned more; SQL: " + sql);
  }

  /** Runs a statement that changes data; emits the number of rows changed. */
  public Mono<Long> execute() {
    return Mono.defer(() -> db.engine().executor().update(toSql()));
  }

  private static Bind convert(String name, Object value) {
    if (value instanceof Collection<?> c) {
      return array(name, c.toArray());
    }
    if (value.getClass().isArray() && value.getClass() != byte[].class) {
      if (Array.getLength(value) == 0) {
        Class<?> element = ValueTypes.box(value.getClass().getComponentType());
        Object empty = Array.newInstance(element, 0);
        return new Bind(empty, empty.getClass());
      }
      Object[] boxed = new Object[Array.getLength(value)];
      for (int i = 0; i < boxed.length; i++) boxed[i] = Array.get(value, i);
      return array(name, boxed);
    }
    Object converted = single(value);
    return new Bind(converted, converted.getClass());
  }

  private static Object single(Object value) {
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    return ValueTypes.builtIn(value.getClass()).map(t -> t.write(value)).orElse(value);
  }

  private static Bind array(String name, Object[] values) {
    if (values.length == 0) {
      throw new QueryBuildException(
          "The list bound to :"
              + name
              + " is empty, so its element type is unknown; "
              + "bind a typed empty array such as new Long[0]");
    }
    Object first =
        single(
            Objects.requireNonNull(
                values[0], "a list bound to :" + name + " must not contain null"));
    Object array = Array.newInstance(first.getClass(), values.length);
    for (int i = 0; i < values.length; i++) {
      Array.set(
          array,
          i,
          single(
              Objects.requireNonNull(
                  values[i], "a list bound to :" + name + " must not contain null")));
    }
    return new Bind(array, array.getClass());
  }
}
