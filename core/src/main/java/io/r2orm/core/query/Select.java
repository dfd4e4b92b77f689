package io.r2orm.core.query;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A select of one entity's rows: condition, order, limit and offset. Immutable; each {@code withX}
 * returns a copy. The fluent API in the adapter builds these.
 *
 * @param entity the entity class
 * @param where the condition, or null for every row
 * @param orderBy sort keys, possibly empty
 * @param limit the maximum number of rows, or null
 * @param offset rows to skip, or null
 * @param lock row locking, or null
 */
public record Select(
    Class<?> entity,
    @Nullable Predicate where,
    List<Order> orderBy,
    @Nullable Long limit,
    @Nullable Long offset,
    @Nullable Lock lock) {
  public Select {
    Objects.requireNonNull(entity, "entity must not be null");
    orderBy = List.copyOf(orderBy);
    if (limit != null && limit < 0) {
      throw new IllegalArgumentException("limit must not be negative, got " + limit);
    }
    if (offset != null && offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, got " + offset);
    }
  }

  /** Every row of the entity. */
  public static Select from(Class<?> entity) {
    return new Select(entity, null, List.of(), null, null, null);
  }

  /** The copy with this condition, and-ed to an existing one. */
  public Select where(Predicate predicate) {
    Objects.requireNonNull(predicate, "predicate must not be null");
    return new Select(
        entity, where == null ? predicate : where.and(predicate), orderBy, limit, offset, lock);
  }

  public Select withOrderBy(List<Order> orders) {
    return new Select(entity, where, orders, limit, offset, lock);
  }

  public Select withLimit(Long n) {
    return new Select(entity, where, orderBy, n, offset, lock);
  }

  /** The copy with this row lock (null for none). */
  public Select withLock(Lock l) {
    return new Select(entity, where, orderBy, limit, offset, l);
  }

  public Select withOffset(Long n) {
    return new Select(entity, where, orderBy, limit, n, lock);
  }
}
