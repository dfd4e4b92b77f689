package io.r2orm.core.query;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * A typed reference to a relation property, generated into the metamodel ({@code Book_.AUTHOR},
 * {@code Author_.BOOKS}). Used in fetch plans, where options narrow what is loaded:
 *
 * <pre>{@code
 * db.select(Author.class)
 *     .fetch(Author_.BOOKS.where(Book_.YEAR.gt(1960)).orderBy(Book_.YEAR.desc()).limit(3)
 *         .then(Book_.REVIEWS))
 *     .all();
 * }</pre>
 *
 * <p>On a to-one relation with a foreign key, {@link #idEq} and {@link #idIn} filter by the key.
 * Immutable.
 *
 * @param <E> the entity declaring the relation
 * @param <T> the related entity (or id type, for an ids-only many-to-many)
 */
public final class Relation<E, T> extends FetchPath<E, T> {
  private final Class<E> owner;
  private final String name;
  private final Class<T> target;
  private final boolean toMany;
  private final FetchOptions options;

  private Relation(
      Class<E> owner, String name, Class<T> target, boolean toMany, FetchOptions options) {
    super(List.of(new FetchStep(owner, name, options)));
    this.owner = owner;
    this.name = name;
    this.target = target;
    this.toMany = toMany;
    this.options = options;
  }

  /** A {@code @ManyToOne} or {@code @OneToOne} relation. */
  public static <E, T> Relation<E, T> toOne(Class<E> owner, String name, Class<T> target) {
    return new Relation<>(
        req(owner, "owner"), req(name, "name"), req(target, "target"), false, FetchOptions.DEFAULT);
  }

  /** A {@code @OneToMany} or {@code @ManyToMany} relation. */
  public static <E, T> Relation<E, T> toMany(Class<E> owner, String name, Class<T> target) {
    return new Relation<>(
        req(owner, "owner"), req(name, "name"), req(target, "target"), true, FetchOptions.DEFAULT);
  }

  private static <X> X req(X x, String what) {
    return Objects.requireNonNull(x, what + " must not be null");
  }

  public Class<E> owner() {
    return owner;
  }

  public String name() {
    return name;
  }

  public Class<T> target() {
    return target;
  }

  public boolean isToMany() {
    return toMany;
  }

  public FetchOptions options() {
    return options;
  }

  /** Loads only the related rows matching the condition (and-ed with any earlier one). */
  public Relation<E, T> where(Predicate predicate) {
    Objects.requireNonNull(predicate, "predicate must not be null");
    requireToMany("where");
    Predicate p = options.where() == null ? predicate : options.where().and(predicate);
    return with(new FetchOptions(p, options.orderBy(), options.limit(), options.strategy()));
  }

  /** Orders the related rows of each parent. */
  public Relation<E, T> orderBy(Order... orders) {
    requireToMany("orderBy");
    return with(
        new FetchOptions(
            options.where(), Arrays.asList(orders), options.limit(), options.strategy()));
  }

  /** Loads at most this many related rows per parent (the first ones in the relation's order). */
  public Relation<E, T> limit(int perParent) {
    requireToMany("limit");
    return with(
        new FetchOptions(options.where(), options.orderBy(), perParent, options.strategy()));
  }

  /** Loads this to-one relation with a join in the parent query instead of a second query. */
  public Relation<E, T> joined() {
    if (toMany) {
      throw new IllegalArgumentException(
          this + " is a to-many relation; only to-one relations can be joined");
    }
    return with(
        new FetchOptions(
            options.where(), options.orderBy(), options.limit(), FetchOptions.Strategy.JOIN));
  }

  /** {@code <foreign key> = id} (to-one relations that own a key). */
  public Predicate idEq(Object id) {
    requireToOne("idEq");
    return id == null
        ? isNull()
        : new Predicate.Comparison(
            new PropertyRef(owner, name), Predicate.Operator.EQ, new Value(id));
  }

  /**
   * {@code <foreign key> IN (SELECT …)} (to-one relations that own a key); the subquery selects
   * ids.
   */
  public Predicate idIn(Subquery subquery) {
    requireToOne("idIn");
    return new Predicate.InQuery(new PropertyRef(owner, name), subquery, false);
  }

  /** {@code <foreign key> IN (ids)} (to-one relations that own a key). */
  public Predicate idIn(Collection<?> ids) {
    requireToOne("idIn");
    return new Predicate.InList(new PropertyRef(owner, name), List.copyOf(ids), false);
  }

  /** {@code <foreign key> IS NULL}. */
  public Predicate isNull() {
    requireToOne("isNull");
    return new Predicate.NullCheck(new PropertyRef(owner, name), false);
  }

  /** {@code <foreign key> IS NOT NULL}. */
  public Predicate isNotNull() {
    requireToOne("isNotNull");
    return new Predicate.NullCheck(new PropertyRef(owner, name), true);
  }

  private Relation<E, T> with(FetchOptions o) {
    return new Relation<>(owner, name, target, toMany, o);
  }

  private void requireToMany(String what) {
    if (!toMany) {
      throw new IllegalArgumentException(
          what + "(...) applies to to-many relations; " + this + " is to-one");
    }
  }

  private void requireToOne(String what) {
    if (toMany) {
      throw new IllegalArgumentException(
          what + "(...) applies to to-one relations; " + this + " is to-many");
    }
  }

  @Override
  public String toString() {
    return owner.getSimpleName() + "." + name;
  }
}
