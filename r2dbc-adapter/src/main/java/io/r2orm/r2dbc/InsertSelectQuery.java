package io.r2orm.r2dbc;

import io.r2orm.core.query.Property;
import io.r2orm.core.query.Subquery;
import io.r2orm.core.sql.SqlStatement;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import reactor.core.publisher.Mono;

/**
 * {@code INSERT INTO t (properties) SELECT …}: copies rows inside the database, without reading
 * them into the application. The query's selected items line up with the properties, in order.
 *
 * <pre>{@code
 * db.insertInto(TrackArchive.class)
 *     .columns(TrackArchive_.TITLE, TrackArchive_.MILLIS)
 *     .select(db.select(Track_.TITLE, Track_.MILLIS).where(Track_.MILLIS.gt(600_000)))
 * }</pre>
 *
 * @param <T> the entity written
 */
public final class InsertSelectQuery<T> {
  private final Database db;
  private final Class<T> entity;
  private final List<String> properties;

  InsertSelectQuery(Database db, Class<T> entity, List<String> properties) {
    this.db = db;
    this.entity = entity;
    this.properties = List.copyOf(properties);
  }

  /** The properties written, in the order of the query's selected items. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, never stored or exposed
  public final InsertSelectQuery<T> columns(Property<T, ?>... written) {
    List<String> paths =
        Arrays.stream(written).map(p -> Objects.requireNonNull(p, "property").path()).toList();
    paths.forEach(p -> db.model(entity).column(p));
    return new InsertSelectQuery<>(db, entity, paths);
  }

  /** The statement for rows of this query, without running it. */
  public SqlStatement toSql(Subquery source) {
    return db.renderer()
        .insertSelect(
            entity, properties, Objects.requireNonNull(source, "source must not be null"));
  }

  /** Inserts the rows of the query; emits how many were inserted. */
  public Mono<Long> select(Subquery source) {
    return Mono.defer(() -> db.engine().executor().update(toSql(source)));
  }

  /** Inserts the rows of the query; emits how many were inserted. */
  public Mono<Long> select(ResultQuery<?> source) {
    return select(Objects.requireNonNull(source, "source must not be null").toQuery());
  }
}
