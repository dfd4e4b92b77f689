package io.r2orm.core.query;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A typed reference to an entity property, the building block of conditions and sort keys. The
 * metamodel processor generates one constant per property ({@code Book_.TITLE}); the value types
 * are checked by the compiler, so {@code Book_.YEAR.eq("x")} does not compile. Immutable.
 *
 * <pre>{@code
 * db.select(Book.class).where(Book_.AUTHOR_ID.in(ids).and(Book_.TITLE.isNotNull()))
 * }</pre>
 *
 * @param <E> the entity type
 * @param <T> the property's value type
 */
public class Property<E, T> implements Field<T> {
  private final Class<E> entity;
  private final String path;
  private final Class<T> type;
  private final PropertyRef ref;

  protected Property(Class<E> entity, String path, Class<T> type) {
    this(entity, path, type, null);
  }

  /** A property qualified by a table alias (see {@link TableRef#get}). */
  protected Property(Class<E> entity, String path, Class<T> type, @Nullable String alias) {
    this.entity = Objects.requireNonNull(entity, "entity must not be null");
    this.path = Objects.requireNonNull(path, "path must not be null");
    this.type = Objects.requireNonNull(type, "type must not be null");
    this.ref = new PropertyRef(entity, path, alias);
  }

  /** This property qualified by a table alias (null for none). */
  Property<E, T> qualified(@Nullable String alias) {
    return new Property<>(entity, path, type, alias);
  }

  /** A property of any type (no ordering operations). */
  public static <E, T> Property<E, T> of(Class<E> entity, String path, Class<T> type) {
    return new Property<>(entity, path, type);
  }

  /** A property whose values are ordered (numbers, dates, UUIDs, enums). */
  public static <E, T extends Comparable<? super T>> ComparableProperty<E, T> comparable(
      Class<E> entity, String path, Class<T> type) {
    return new ComparableProperty<>(entity, path, type);
  }

  /** A property stored as a database array, with tests on its elements. */
  public static <E, T, V> ArrayProperty<E, T, V> array(
      Class<E> entity, String path, Class<T> type, Class<V> elementType) {
    return new ArrayProperty<>(entity, path, type, elementType);
  }

  /** A text property, with {@code like} and its friends. */
  public static <E> StringProperty<E> string(Class<E> entity, String path) {
    return new StringProperty<>(entity, path);
  }

  /**
   * An untyped property named at run time, for dynamic queries (e.g. a sort key from a request).
   * The name is checked against the entity when the query is rendered; an unknown name is an error
   * that lists the known ones, never SQL text.
   */
  public static DynamicProperty named(String path) {
    return new DynamicProperty(path);
  }

  /** The entity class. */
  public Class<E> entity() {
    return entity;
  }

  /** The property path ({@code title}, {@code address.city}). */
  public String path() {
    return path;
  }

  /** The value type. */
  public Class<T> type() {
    return type;
  }

  /** The query-tree node for this property. */
  public PropertyRef ref() {
    return ref;
  }

  @Override
  public Expression expression() {
    return ref;
  }

  /** {@code = value}; a null value means {@code IS NULL}. */
  @Override
  public Predicate eq(T value) {
    return value == null
        ? isNull()
        : new Predicate.Comparison(ref, Predicate.Operator.EQ, new Value(value));
  }

  /** {@code = other property}. */
  public Predicate eq(Property<?, T> other) {
    return new Predicate.Comparison(ref, Predicate.Operator.EQ, other.ref());
  }

  /** {@code <> value}; a null value means {@code IS NOT NULL}. */
  @Override
  public Predicate ne(T value) {
    return value == null
        ? isNotNull()
        : new Predicate.Comparison(ref, Predicate.Operator.NE, new Value(value));
  }

  /** {@code IN (values)}; an empty collection matches nothing. */
  public Predicate in(Collection<? extends T> values) {
    return new Predicate.InList(ref, List.copyOf(values), false);
  }

  /** {@code IN (values)}; no values match nothing. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, never stored or exposed
  public final Predicate in(T... values) {
    return in(Arrays.asList(values));
  }

  /** {@code NOT IN (values)}; an empty collection matches every row. */
  public Predicate notIn(Collection<? extends T> values) {
    return new Predicate.InList(ref, List.copyOf(values), true);
  }

  /** {@code NOT IN (values)}. */
  @SafeVarargs
  @SuppressWarnings("varargs") // the array is only read, never stored or exposed
  public final Predicate notIn(T... values) {
    return notIn(Arrays.asList(values));
  }

  /** {@code IS NULL}. */
  public Predicate isNull() {
    return new Predicate.NullCheck(ref, false);
  }

  /** {@code IS NOT NULL}. */
  public Predicate isNotNull() {
    return new Predicate.NullCheck(ref, true);
  }

  /** Ascending sort key. */
  public Order asc() {
    return new Order(ref, Order.Direction.ASC, Order.Nulls.DEFAULT);
  }

  /** Descending sort key. */
  public Order desc() {
    return new Order(ref, Order.Direction.DESC, Order.Nulls.DEFAULT);
  }

  @Override
  public String toString() {
    return (ref.alias() == null ? entity.getSimpleName() : ref.alias()) + "." + path;
  }
}
