package io.r2orm.core.dialect;

import io.r2orm.core.sql.Identifier;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Identifier quoting shared by the ANSI-quoting dialects. */
abstract class AbstractDialect implements Dialect {
  private static final Pattern PLAIN = Pattern.compile("[a-z_][a-z0-9_]*");

  /** Words reserved in PostgreSQL, H2 or SQL:2016 that appear as table or column names. */
  private static final Set<String> RESERVED =
      Set.of(
          "all",
          "analyse",
          "analyze",
          "and",
          "any",
          "array",
          "as",
          "asc",
          "asymmetric",
          "authorization",
          "between",
          "binary",
          "both",
          "case",
          "cast",
          "check",
          "collate",
          "collation",
          "column",
          "concurrently",
          "constraint",
          "create",
          "cross",
          "current_catalog",
          "current_date",
          "current_path",
          "current_role",
          "current_schema",
          "current_time",
          "current_timestamp",
          "current_user",
          "day",
          "default",
          "deferrable",
          "desc",
          "distinct",
          "do",
          "else",
          "end",
          "except",
          "exists",
          "false",
          "fetch",
          "for",
          "foreign",
          "freeze",
          "from",
          "full",
          "grant",
          "group",
          "groups",
          "having",
          "hour",
          "if",
          "ilike",
          "in",
          "initially",
          "inner",
          "intersect",
          "interval",
          "into",
          "is",
          "isnull",
          "join",
          "key",
          "lateral",
          "leading",
          "left",
          "like",
          "limit",
          "localtime",
          "localtimestamp",
          "minus",
          "minute",
          "month",
          "natural",
          "not",
          "notnull",
          "null",
          "offset",
          "on",
          "only",
          "or",
          "order",
          "outer",
          "over",
          "overlaps",
          "partition",
          "placing",
          "primary",
          "qualify",
          "range",
          "references",
          "regexp",
          "returning",
          "right",
          "row",
          "rownum",
          "rows",
          "second",
          "select",
          "session_user",
          "set",
          "similar",
          "some",
          "symmetric",
          "system_user",
          "table",
          "tablesample",
          "then",
          "to",
          "top",
          "trailing",
          "true",
          "uescape",
          "union",
          "unique",
          "unknown",
          "user",
          "using",
          "value",
          "values",
          "variadic",
          "verbose",
          "when",
          "where",
          "window",
          "with",
          "year",
          "_rowid_");

  @Override
  public String quote(Identifier identifier) {
    String name = identifier.name();
    if (PLAIN.matcher(name).matches() && !RESERVED.contains(name.toLowerCase(Locale.ROOT))) {
      return name;
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  @Override
  public String bindMarker(int position) {
    return "$" + position;
  }

  @Override
  public String limitOffset(String limitMarker, String offsetMarker) {
    StringBuilder sql = new StringBuilder();
    if (limitMarker != null) {
      sql.append(" LIMIT ").append(limitMarker);
    }
    if (offsetMarker != null) {
      sql.append(" OFFSET ").append(offsetMarker);
    }
    return sql.toString();
  }

  @Override
  public String lockClause(io.r2orm.core.query.Lock lock) {
    StringBuilder sql =
        new StringBuilder(
            lock.mode() == io.r2orm.core.query.Lock.Mode.UPDATE ? " FOR UPDATE" : " FOR SHARE");
    if (lock.waitPolicy() == io.r2orm.core.query.Lock.Wait.NOWAIT) {
      sql.append(" NOWAIT");
    } else if (lock.waitPolicy() == io.r2orm.core.query.Lock.Wait.SKIP_LOCKED) {
      sql.append(" SKIP LOCKED");
    }
    return sql.toString();
  }

  @Override
  public boolean supportsNullsOrdering() {
    return true;
  }

  @Override
  public String toString() {
    return name();
  }

  /** The enum's constant names as SQL string literals, in declared order: {@code 'G', 'PG'}. */
  static String enumLabels(Class<?> enumType) {
    StringBuilder labels = new StringBuilder();
    for (Object constant : enumType.getEnumConstants()) {
      if (labels.length() > 0) labels.append(", ");
      labels.append('\'').append(((Enum<?>) constant).name().replace("'", "''")).append('\'');
    }
    return labels.toString();
  }
}
