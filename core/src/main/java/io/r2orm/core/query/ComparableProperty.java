package io.r2orm.core.query;

import org.jspecify.annotations.Nullable;

/**
 * A property whose values are ordered, adding range conditions to {@link Property}.
 *
 * @param <E> the entity type
 * @param <T> the value type
 */
public class ComparableProperty<E, T extends Comparable<? super T>> extends Property<E, T>
    implements OrderedField<T> {

  protected ComparableProperty(Class<E> entity, String path, Class<T> type) {
    super(entity, path, type);
  }

  /** A property qualified by a table alias (see {@link TableRef#get}). */
  protected ComparableProperty(
      Class<E> entity, String path, Class<T> type, @Nullable String alias) {
    super(entity, path, type, alias);
  }
}
