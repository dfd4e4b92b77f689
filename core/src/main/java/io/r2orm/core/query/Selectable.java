package io.r2orm.core.query;

/**
 * Something a query can select: a {@link Field} (one column or computed value) or a {@link
 * TableRef} (every column of an entity, mapped to the entity).
 *
 * @param <T> the Java type each row yields for it
 */
public interface Selectable<T> {
  /** The select-list node. */
  SelectItem selectItem();
}
