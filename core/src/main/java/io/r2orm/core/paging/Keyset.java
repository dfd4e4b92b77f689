package io.r2orm.core.paging;

import io.r2orm.core.exception.InvalidPageTokenException;
import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.metadata.ColumnModel;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.query.Order;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.PropertyRef;
import io.r2orm.core.query.Value;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Keyset ("seek") pagination over an entity's sort keys: the next page is the rows after the last
 * row's key values, so each page is a short indexed query however deep it is, and rows inserted
 * meanwhile neither repeat nor vanish. The id is appended as the final key when the order lacks it
 * (so the order is total), NULLs are placed explicitly (last when ascending, first when descending)
 * so both dialects agree, and page tokens are opaque strings carrying the last key values and a
 * fingerprint of the order. Immutable.
 */
public final class Keyset {
  private static final String VERSION = "k1";
  private final EntityModel<?> model;
  private final List<Order> orders;
  private final List<ColumnModel> columns;
  private final String fingerprint;

  private Keyset(EntityModel<?> model, List<Order> orders, List<ColumnModel> columns) {
    this.model = model;
    this.orders = List.copyOf(orders);
    this.columns = List.copyOf(columns);
    StringBuilder f = new StringBuilder(model.table().name());
    for (int i = 0; i < orders.size(); i++) {
      f.append('|')
          .append(columns.get(i).path())
          .append(' ')
          .append(orders.get(i).direction())
          .append(' ')
          .append(orders.get(i).nulls());
    }
    this.fingerprint = Integer.toHexString(f.toString().hashCode());
  }

  /**
   * The keyset of a sort order over the entity.
   *
   * @throws QueryBuildException when a key is not a plain property of the entity
   */
  public static Keyset of(EntityModel<?> model, List<Order> orderBy) {
    List<Order> orders = new ArrayList<>();
    List<ColumnModel> columns = new ArrayList<>();
    java.util.Set<ColumnModel> missingId = new java.util.LinkedHashSet<>(model.idColumns());
    for (Order o : orderBy) {
      if (!(o.expression() instanceof PropertyRef ref)
          || ref.alias() != null
          || (ref.owner() != null && ref.owner() != model.type())) {
        throw new QueryBuildException(
            "keyset pages of "
                + model.type().getSimpleName()
                + " sort by its own properties only; "
                + o.expression()
                + " is not one");
      }
      ColumnModel c = model.column(ref.path());
      missingId.remove(c);
      Order.Nulls nulls =
          o.nulls() != Order.Nulls.DEFAULT || !c.nullable()
              ? o.nulls()
              : o.direction() == Order.Direction.ASC ? Order.Nulls.LAST : Order.Nulls.FIRST;
      orders.add(new Order(new PropertyRef(model.type(), c.path()), o.direction(), nulls));
      columns.add(c);
    }
    // the key's columns not sorted by yet make the order total (all of a composite key's parts)
    for (ColumnModel id : missingId) {
      orders.add(
          new Order(
              new PropertyRef(model.type(), id.path()), Order.Direction.ASC, Order.Nulls.DEFAULT));
      columns.add(id);
    }
    return new Keyset(model, orders, columns);
  }

  /** The full sort order of the pages (the given keys, then the id). */
  public List<Order> orderBy() {
    return orders;
  }

  /** The page token that points after this entity (the last row of a page). */
  public String tokenAfter(Object entity) {
    StringBuilder out = new StringBuilder(VERSION).append(':').append(fingerprint);
    for (ColumnModel c : columns) {
      Object value = c.databaseValue(entity);
      out.append('\n');
      if (value == null) {
        out.append('~');
      } else {
        String text =
            value instanceof byte[] b ? Base64.getEncoder().encodeToString(b) : value.toString();
        out.append('=').append(text.length()).append(':').append(text);
      }
    }
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(out.toString().getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The condition selecting the rows after the page token's position.
   *
   * @throws InvalidPageTokenException when the page token is malformed or belongs to another order
   */
  public Predicate after(String token) {
    Object[] values = decode(token);
    List<Predicate> branches = new ArrayList<>();
    for (int i = 0; i < columns.size(); i++) {
      List<Predicate> parts = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        parts.add(equal(j, values[j]));
      }
      Predicate beyond = beyond(i, values[i]);
      if (beyond == null) {
        continue;
      }
      parts.add(beyond);
      branches.add(parts.size() == 1 ? parts.get(0) : Predicate.all(parts));
    }
    return Predicate.any(branches);
  }

  private Predicate equal(int i, @Nullable Object value) {
    PropertyRef ref = ref(i);
    return value == null
        ? new Predicate.NullCheck(ref, false)
        : new Predicate.Comparison(ref, Predicate.Operator.EQ, new Value(value));
  }

  /** Rows strictly after {@code value} in key {@code i}; null when none can be. */
  private @Nullable Predicate beyond(int i, @Nullable Object value) {
    Order o = orders.get(i);
    PropertyRef ref = ref(i);
    boolean nullsLast =
        o.nulls() == Order.Nulls.LAST
            || (o.nulls() == Order.Nulls.DEFAULT && o.direction() == Order.Direction.ASC);
    if (value == null) {
      return nullsLast ? null : new Predicate.NullCheck(ref, true);
    }
    Predicate.Operator op =
        o.direction() == Order.Direction.ASC ? Predicate.Operator.GT : Predicate.Operator.LT;
    Predicate strict = new Predicate.Comparison(ref, op, new Value(value));
    return nullsLast && columns.get(i).nullable()
        ? strict.or(new Predicate.NullCheck(ref, false))
        : strict;
  }

  private PropertyRef ref(int i) {
    return (PropertyRef) orders.get(i).expression();
  }

  private Object[] decode(String token) {
    if (token == null) {
      throw invalid("it is missing", null);
    }
    try {
      return decodeText(token);
    } catch (InvalidPageTokenException e) {
      throw e;
    } catch (RuntimeException e) {
      // a page token is client input: whatever else it breaks, it is an invalid page token (an HTTP
      // 400), never a 500
      throw invalid("it is malformed", e);
    }
  }

  private Object[] decodeText(String token) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid("it is not valid base64url", e);
    }
    int pos = text.indexOf('\n');
    String head = pos < 0 ? text : text.substring(0, pos);
    if (!head.equals(VERSION + ":" + fingerprint)) {
      throw invalid("it was made for another query or sort order", null);
    }
    Object[] values = new Object[columns.size()];
    for (int i = 0; i < columns.size(); i++) {
      if (pos < 0 || pos + 1 >= text.length()) {
        throw invalid("it is cut short", null);
      }
      pos++;
      char kind = text.charAt(pos);
      if (kind == '~') {
        values[i] = null;
        pos = next(text, pos + 1);
        continue;
      }
      int colon = text.indexOf(':', pos);
      if (kind != '=' || colon < 0) {
        throw invalid("value " + (i + 1) + " is malformed", null);
      }
      int length;
      try {
        length = Integer.parseInt(text.substring(pos + 1, colon));
      } catch (NumberFormatException e) {
        throw invalid("value " + (i + 1) + " has no length", e);
      }
      // compared as a difference: colon + 1 + length overflows for a forged length near
      // Integer.MAX_VALUE
      if (length < 0 || length > text.length() - colon - 1) {
        throw invalid("value " + (i + 1) + " is cut short", null);
      }
      String raw = text.substring(colon + 1, colon + 1 + length);
      ColumnModel c = columns.get(i);
      try {
        values[i] = c.valueType().read(parse(raw, c.databaseType()));
      } catch (RuntimeException e) {
        throw invalid("value " + (i + 1) + " is not a " + c.databaseType().getSimpleName(), e);
      }
      pos = next(text, colon + 1 + length);
    }
    if (pos >= 0 && pos < text.length()) {
      throw invalid("it has trailing data", null);
    }
    return values;
  }

  private static int next(String text, int from) {
    if (from >= text.length()) {
      return -1;
    }
    if (text.charAt(from) != '\n') {
      throw invalid("values are not separated", null);
    }
    return from;
  }

  private static Object parse(String raw, Class<?> type) {
    if (type == String.class) return raw;
    if (type == Long.class) return Long.valueOf(raw);
    if (type == Integer.class) return Integer.valueOf(raw);
    if (type == Short.class) return Short.valueOf(raw);
    if (type == Byte.class) return Byte.valueOf(raw);
    if (type == Boolean.class) {
      if (!raw.equals("true") && !raw.equals("false")) throw new IllegalArgumentException(raw);
      return Boolean.valueOf(raw);
    }
    if (type == BigDecimal.class) return new BigDecimal(raw);
    if (type == Double.class) return Double.valueOf(raw);
    if (type == Float.class) return Float.valueOf(raw);
    if (type == LocalDate.class) return LocalDate.parse(raw);
    if (type == LocalTime.class) return LocalTime.parse(raw);
    if (type == LocalDateTime.class) return LocalDateTime.parse(raw);
    if (type == OffsetDateTime.class) return OffsetDateTime.parse(raw);
    if (type == Instant.class) return Instant.parse(raw);
    if (type == UUID.class) return UUID.fromString(raw);
    if (type == byte[].class) return Base64.getDecoder().decode(raw);
    throw new IllegalArgumentException("no page token form for " + type.getName());
  }

  private static InvalidPageTokenException invalid(String why, @Nullable Throwable cause) {
    return new InvalidPageTokenException(
        "Invalid page token: " + why + "; start again from the first page", cause);
  }
}
