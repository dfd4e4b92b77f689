package io.r2orm.core.query;

import java.util.Objects;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * An entity's table as it appears in a query, optionally under an alias: needed when one table
 * appears twice (a self-join), and selectable as a whole entity. Properties are qualified with
 * {@link #get}. Immutable.
 *
 * <pre>{@code
 * TableRef<Employee> e = TableRef.of(Employee.class, "e");
 * TableRef<Employee> boss = TableRef.of(Employee.class, "boss");
 * db.select(e.get(Employee_.NAME), boss.get(Employee_.NAME))
 *     .from(e).leftJoin(Employee_.REPORTS_TO, boss)
 *     .all();
 * }</pre>
 *
 * @param <E> the entity type
 */
public final class TableRef<E> implements Selectable<E> {
  /** A plain SQL identifier: an alias, or the name of a {@link CommonTable}. */
  static final Pattern ALIAS = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,62}");

  private final Class<E> entity;
  private final @Nullable String alias;
  private final boolean common;

  private TableRef(Class<E> entity, @Nullable String alias) {
    this(entity, alias, false);
  }

  private TableRef(Class<E> entity, @Nullable String alias, boolean common) {
    this.common = common;
    this.entity = Objects.requireNonNull(entity, "entity must not be null");
    if (alias != null && !ALIAS.matcher(alias).matches()) {
      throw new IllegalArgumentException(
          "alias '" + alias + "' is not a plain identifier (letters, digits, _; at most 63)");
    }
    this.alias = alias;
  }

  /** The entity's table under its own name. */
  public static <E> TableRef<E> of(Class<E> entity) {
    return new TableRef<>(entity, null);
  }

  /** The entity's table under an alias. */
  public static <E> TableRef<E> of(Class<E> entity, String alias) {
    return new TableRef<>(entity, Objects.requireNonNull(alias, "alias must not be null"));
  }

  /** The rows of a {@link CommonTable}, read under its name. */
  static <E> TableRef<E> commonTable(Class<E> entity, String name) {
    return new TableRef<>(entity, Objects.requireNonNull(name, "name must not be null"), true);
  }

  /** Whether this is a {@link CommonTable} (its alias is the common table's name). */
  public boolean isCommonTable() {
    return common;
  }

  /** The entity class. */
  public Class<E> entity() {
    return entity;
  }

  /** The alias, or null when the table goes by its own name. */
  public @Nullable String alias() {
    return alias;
  }

  /** The property qualified by this table's alias. */
  public <T> Property<E, T> get(Property<E, T> property) {
    return Property.of(entity, property.path(), property.type()).qualified(alias);
  }

  /** The ordered property qualified by this table's alias. */
  public <T extends Comparable<? super T>> ComparableProperty<E, T> get(
      ComparableProperty<E, T> property) {
    return new ComparableProperty<>(entity, property.path(), property.type(), alias);
  }

  /** The text property qualified by this table's alias. */
  public StringProperty<E> get(StringProperty<E> property) {
    return new StringProperty<>(entity, property.path(), alias);
  }

  @Override
  public SelectItem selectItem() {
    return new SelectItem.Entity(this);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableRef<?> t
        && t.entity == entity
        && Objects.equals(t.alias, alias)
        && t.common == common;
  }

  @Override
  public int hashCode() {
    return entity.hashCode() * 31 + Objects.hashCode(alias);
  }

  @Override
  public String toString() {
    return entity.getSimpleName() + (alias == null ? "" : " " + alias);
  }
}
