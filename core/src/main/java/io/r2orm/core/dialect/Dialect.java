package io.r2orm.core.dialect;

import io.r2orm.core.convert.SqlType;
import io.r2orm.core.metadata.ColumnModel;
import io.r2orm.core.sql.Identifier;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What differs between databases, as small capabilities the renderer asks for. One final class per
 * database ({@link PostgresDialect}, {@link H2Dialect}); implementations are stateless and
 * thread-safe. A feature a dialect cannot express is an {@link
 * io.r2orm.core.exception.UnsupportedFeatureException} naming both.
 */
public interface Dialect {

  /** The database's name, as used in error messages. */
  String name();

  /**
   * The identifier as SQL: unquoted when it is a plain lower-case non-reserved name, else quoted.
   */
  String quote(Identifier identifier);

  /** The placeholder for the bind at this 1-based position ({@code $1} or {@code ?}). */
  String bindMarker(int position);

  /** Whether inserts return generated values with a {@code RETURNING} clause in the SQL. */
  boolean supportsReturning();

  /**
   * The SQL type name of an array of this kind, if a single array bind can carry a list of such
   * values (for {@code = ANY(?)} and bulk inserts); empty where lists must be expanded.
   */
  Optional<String> arrayTypeName(SqlType type);

  /**
   * The type name to cast a bind to this kind ({@code $1::numeric}), without length or precision.
   */
  String castTypeName(SqlType type);

  /**
   * The type a bind for this column is cast to where the database cannot infer it from a plain
   * value (a PostgreSQL enum type named with {@code @Column(type = ...)}), or empty for none.
   */
  default Optional<String> bindCast(ColumnModel column) {
    return Optional.empty();
  }

  /**
   * The SQL of a bind for this column: the marker, cast to the column's {@link #bindCast} type
   * where it has one ({@code array}: to that type's array). A dialect may write another form (H2
   * reads a JSON document from text only when told {@code FORMAT JSON}).
   */
  default String bind(ColumnModel column, String marker, boolean array) {
    return bindCast(column)
        .map(
            type ->
                "CAST("
                    + marker
                    + " AS "
                    + (array ? arrayTypeName(column).orElseThrow() : type)
                    + ")")
        .orElse(marker);
  }

  /**
   * The type name to cast a bind for this column to: its declared type where binds are cast to it,
   * else its kind's.
   */
  default String castTypeName(ColumnModel column) {
    if (column.valueType().isArray() && !column.hasDeclaredType()) {
      return arrayTypeName(column.valueType().sqlType())
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "no array type for " + column.valueType().sqlType()));
    }
    return bindCast(column).orElseGet(() -> castTypeName(column.valueType().sqlType()));
  }

  /**
   * The array type name for this column's values: of its declared type where binds are cast to it,
   * else its kind's.
   */
  default Optional<String> arrayTypeName(ColumnModel column) {
    return bindCast(column)
        .map(t -> t + "[]")
        .or(() -> arrayTypeName(column.valueType().sqlType()));
  }

  /**
   * The statement that creates the database type a column declares, if schema generation must
   * create one (a PostgreSQL enum type from the Java enum's constants), or empty.
   */
  default Optional<String> createType(ColumnModel column) {
    return Optional.empty();
  }

  /** The most bind parameters one statement may carry (PostgreSQL's protocol: 65,535). */
  default int maxBindParameters() {
    return Integer.MAX_VALUE;
  }

  /**
   * The most elements one array bind may carry (H2: 65,536); longer lists are split into several
   * arrays.
   */
  default int maxArrayLength() {
    return Integer.MAX_VALUE;
  }

  /** Whether {@code SELECT DISTINCT ON (…)} can be written (PostgreSQL). */
  default boolean supportsDistinctOn() {
    return false;
  }

  /** Whether {@code NULLS FIRST}/{@code NULLS LAST} can be written in ORDER BY. */
  boolean supportsNullsOrdering();

  /** The operator for a case-insensitive LIKE, or empty to compare {@code LOWER(..)}. */
  Optional<String> caseInsensitiveLike();

  /** {@code LIMIT/OFFSET} for the given markers (either may be null). */
  String limitOffset(String limitMarker, String offsetMarker);

  /**
   * Whether a select can be read through {@code DECLARE … CURSOR} / {@code FETCH n} inside a
   * transaction, so that other statements can run on the connection between windows.
   */
  boolean supportsCursors();

  /**
   * Whether array columns are tested with PostgreSQL's operators ({@code @>}, {@code &&}, {@code =
   * ANY}); otherwise with {@code ARRAY_CONTAINS} per value (H2).
   */
  default boolean supportsArrayOperators() {
    return false;
  }

  /**
   * Whether JSON paths and containment can be queried ({@code jsonb_extract_path_text},
   * {@code @>}).
   */
  default boolean supportsJsonPaths() {
    return false;
  }

  /** Whether an array with NULL elements can be bound (r2dbc-h2's array codec refuses them). */
  default boolean supportsNullArrayElements() {
    return true;
  }

  /**
   * The statement that limits every later statement of the current transaction to {@code millis}
   * milliseconds, or null when the database has none; then r2orm sets the connection's statement
   * timeout instead (session state). PostgreSQL's {@code SET LOCAL} leaves nothing behind on the
   * connection, which a pooler in transaction mode (PgBouncer) hands to others.
   */
  default @Nullable String transactionStatementTimeout(long millis) {
    return null;
  }

  /**
   * The row-locking clause that ends a select, e.g. {@code " FOR UPDATE SKIP LOCKED"}.
   *
   * @throws io.r2orm.core.exception.UnsupportedFeatureException when the database cannot lock so
   */
  String lockClause(io.r2orm.core.query.Lock lock);

  /** How an insert-or-update on a key conflict is written. */
  UpsertSyntax upsertSyntax();

  /** The column type for schema generation. */
  String columnType(ColumnModel column);

  /**
   * The column definition of a database-generated id, e.g. {@code bigint GENERATED BY DEFAULT AS
   * IDENTITY}.
   */
  String identityColumnType(ColumnModel column);
}
