package io.r2orm.core.internal.render;

import io.r2orm.core.dialect.Dialect;
import io.r2orm.core.exception.QueryBuildException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rewrites {@code :name} parameters of hand-written SQL into the dialect's bind markers. Text in
 * string literals, quoted identifiers, dollar-quoted strings and comments is left alone, and so are
 * PostgreSQL casts ({@code ::int}). A name used twice becomes one bind on dialects with numbered
 * markers. Pure; thread-safe.
 *
 * @param sql the SQL with the dialect's markers
 * @param names the parameter name of each bind, in bind order
 */
public record NamedParameters(String sql, List<String> names) {
  public NamedParameters {
    Objects.requireNonNull(sql, "sql must not be null");
    names = List.copyOf(names);
  }

  /** Parses {@code sql} for the dialect. */
  public static NamedParameters parse(String sql, Dialect dialect) {
    Objects.requireNonNull(sql, "sql must not be null");
    StringBuilder out = new StringBuilder(sql.length());
    Map<String, Integer> positions = new LinkedHashMap<>();
    List<String> names = new ArrayList<>();
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (c == '\'' || c == '"') {
        int end = closing(sql, i, c);
        out.append(sql, i, end);
        i = end;
      } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-') {
        int end = sql.indexOf('\n', i);
        end = end < 0 ? n : end;
        out.append(sql, i, end);
        i = end;
      } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
        int end = sql.indexOf("*/", i + 2);
        if (end < 0) throw new QueryBuildException("unterminated comment in SQL: " + sql);
        out.append(sql, i, end + 2);
        i = end + 2;
      } else if (c == '$' && dollarTag(sql, i) != null) {
        String tag = dollarTag(sql, i);
        int end = sql.indexOf(tag, i + tag.length());
        if (end < 0)
          throw new QueryBuildException("unterminated dollar-quoted string in SQL: " + sql);
        out.append(sql, i, end + tag.length());
        i = end + tag.length();
      } else if (c == ':' && i + 1 < n && sql.charAt(i + 1) == ':') {
        out.append("::");
        i += 2;
      } else if (c == ':' && i + 1 < n && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
        int end = i + 1;
        while (end < n && Character.isJavaIdentifierPart(sql.charAt(end))) end++;
        String name = sql.substring(i + 1, end);
        boolean numbered = !dialect.bindMarker(1).equals(dialect.bindMarker(2));
        Integer position = numbered ? positions.get(name) : null;
        if (position == null) {
          names.add(name);
          position = names.size();
          positions.put(name, position);
        }
        out.append(dialect.bindMarker(position));
        i = end;
      } else {
        out.append(c);
        i++;
      }
    }
    return new NamedParameters(out.toString(), names);
  }

  private static int closing(String sql, int start, char quote) {
    int i = start + 1;
    while (i < sql.length()) {
      if (sql.charAt(i) == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
          continue;
        }
        return i + 1;
      }
      i++;
    }
    throw new QueryBuildException(
        "unterminated "
            + (quote == '\'' ? "string literal" : "quoted identifier")
            + " in SQL: "
            + sql);
  }

  /** {@code $tag$} at i, or null. */
  private static String dollarTag(String sql, int i) {
    int end = i + 1;
    while (end < sql.length()
        && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) end++;
    if (end < sql.length()
        && sql.charAt(end) == '$'
        && (end == i + 1 || !Character.isDigit(sql.charAt(i + 1)))) {
      return sql.substring(i, end + 1);
    }
    return null;
  }
}
