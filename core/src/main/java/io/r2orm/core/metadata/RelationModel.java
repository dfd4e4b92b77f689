package io.r2orm.core.metadata;

import io.r2orm.core.query.Order;
import io.r2orm.core.sql.Identifier;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One relation property of an entity: its kind, its target, where its value sits in the entity's
 * value array, and the keys that connect the two tables. Immutable.
 *
 * @param owner the entity declaring the relation
 * @param name the property name
 * @param kind the relation kind
 * @param target the related entity class
 * @param elementType what the property holds: {@code target}, or the target's id type for an
 *     ids-only many-to-many
 * @param slot the index of the property's value in the entity's value array
 * @param foreignKey the owner's foreign-key column (owning to-one relations to a target with a
 *     single-column key), else null
 * @param foreignKeys the owner's foreign-key columns (owning to-one relations): the one {@code
 *     foreignKey}, or one per part of the target's composite key in the key's order; else empty
 * @param mappedBy the target's property holding the key (inverse one-to-one, one-to-many), else
 *     null
 * @param joinTable the link table (many-to-many), else null
 * @param joinColumn the link table's column holding the owner's id (many-to-many), else null
 * @param inverseJoinColumn the link table's column holding the target's id (many-to-many), else
 *     null
 * @param order the declared order of related rows, possibly empty
 * @param unloaded the value an unfetched relation holds ({@code Ref} or list that throws on read)
 * @param getter reads the property from an entity instance
 * @param compositeRef for a foreign key of several columns: builds the relation's unfetched value
 *     from an owner's value array ({@code Ref.none()} when a key column is NULL, else an unfetched
 *     {@code Ref} to the target's key); else null
 */
public record RelationModel(
    Class<?> owner,
    String name,
    Kind kind,
    Class<?> target,
    Class<?> elementType,
    int slot,
    @Nullable ColumnModel foreignKey,
    List<ColumnModel> foreignKeys,
    @Nullable String mappedBy,
    @Nullable Identifier joinTable,
    @Nullable Identifier joinColumn,
    @Nullable Identifier inverseJoinColumn,
    List<Order> order,
    @Nullable Object unloaded,
    Function<Object, Object> getter,
    @Nullable Function<Object[], Object> compositeRef) {

  public RelationModel {
    Objects.requireNonNull(owner, "owner must not be null");
    Objects.requireNonNull(name, "name must not be null");
    Objects.requireNonNull(kind, "kind must not be null");
    Objects.requireNonNull(target, "target must not be null");
    Objects.requireNonNull(elementType, "elementType must not be null");
    order = List.copyOf(order);
    foreignKeys = List.copyOf(foreignKeys);
    if (foreignKey != null && !foreignKeys.equals(List.of(foreignKey))) {
      throw new IllegalArgumentException("foreignKeys must be [foreignKey] for a one-column key");
    }
  }

  /** The relation kinds. */
  public enum Kind {
    /** {@code @ManyToOne}: a foreign key in the owner's table. */
    MANY_TO_ONE,
    /** {@code @OneToOne} owning side: a foreign key in the owner's table. */
    ONE_TO_ONE,
    /** {@code @OneToOne(mappedBy)}: the key is in the target's table. */
    ONE_TO_ONE_INVERSE,
    /** {@code @OneToMany(mappedBy)}: the key is in the target's table. */
    ONE_TO_MANY,
    /** {@code @ManyToMany}: keys in a link table. */
    MANY_TO_MANY
  }

  /** Whether the property is a list. */
  public boolean isToMany() {
    return kind == Kind.ONE_TO_MANY || kind == Kind.MANY_TO_MANY;
  }

  /** Whether the owner's table holds the key (many-to-one, owning one-to-one). */
  public boolean ownsKey() {
    return !foreignKeys.isEmpty();
  }

  /**
   * Whether the value sits after the columns in the entity's value array: every relation but a
   * to-one over a single foreign-key column, whose value sits in that column's slot.
   */
  public boolean hasOwnSlot() {
    return foreignKey == null;
  }

  /** Whether a many-to-many holds only the target ids (reads only the link table). */
  public boolean idsOnly() {
    return kind == Kind.MANY_TO_MANY && elementType != target;
  }

  /** The metamodel constant that names this relation, e.g. {@code Book_.AUTHOR}. */
  public String metamodelName() {
    return owner.getSimpleName()
        + "_."
        + SnakeCaseNamingStrategy.snake(name).toUpperCase(java.util.Locale.ROOT);
  }

  @Override
  public String toString() {
    return owner.getSimpleName() + "." + name + " (" + kind + " " + target.getSimpleName() + ")";
  }
}
