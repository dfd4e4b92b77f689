package io.r2orm.core.query;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A property stored as a database array ({@code List<String>}, {@code String[]}, {@code int[]},
 * ...), adding tests on its elements. On PostgreSQL they are the array operators ({@code @>},
 * {@code &&}, {@code = ANY}); on H2, {@code ARRAY_CONTAINS} per value.
 *
 * <pre>{@code
 * db.select(Film.class).where(Film_.SPECIAL_FEATURES.has("Trailers"))
 * }</pre>
 *
 * @param <E> the entity type
 * @param <T> the property's type ({@code List<String>}, {@code String[]})
 * @param <V> the element type, boxed
 */
public class ArrayProperty<E, T, V> extends Property<E, T> {
  private final Class<V> elementType;

  protected ArrayProperty(Class<E> entity, String path, Class<T> type, Class<V> elementType) {
    super(entity, path, type);
    this.elementType = Objects.requireNonNull(elementType, "elementType must not be null");
  }

  /** The element type. */
  public Class<V> elementType() {
    return elementType;
  }

  /** The array holds this value as one of its elements. */
  public Predicate has(V value) {
    return test(Predicate.ArrayOperator.HAS, List.of(element(value)));
  }

  /** The array holds every one of these values (in any order); with none, always true. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, never stored or exposed
  public final Predicate containsAll(V... values) {
    return containsAll(Arrays.asList(values));
  }

  /** The array holds every one of these values (in any order); with none, always true. */
  public Predicate containsAll(Collection<? extends V> values) {
    return test(Predicate.ArrayOperator.CONTAINS_ALL, elements(values));
  }

  /** The array holds at least one of these values; with none, always false. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, never stored or exposed
  public final Predicate overlaps(V... values) {
    return overlaps(Arrays.asList(values));
  }

  /** The array holds at least one of these values; with none, always false. */
  public Predicate overlaps(Collection<? extends V> values) {
    return test(Predicate.ArrayOperator.OVERLAPS, elements(values));
  }

  private Predicate test(Predicate.ArrayOperator operator, List<Object> values) {
    return new Predicate.ArrayTest(ref(), operator, values);
  }

  private List<Object> elements(Collection<? extends V> values) {
    Objects.requireNonNull(values, "values must not be null");
    return values.stream().map(this::element).toList();
  }

  private Object element(V value) {
    if (value == null) {
      throw new IllegalArgumentException(
          "array tests on "
              + entity().getSimpleName()
              + "."
              + path()
              + " take non-null "
              + "values; NULL is never equal to an element (test the array with isNull() instead)");
    }
    return value;
  }
}
