package io.r2orm.core.internal.render;

import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.metadata.ColumnModel;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.metadata.RelationModel;
import io.r2orm.core.query.Expression;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.PropertyRef;
import io.r2orm.core.query.Ref;
import io.r2orm.core.query.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * Rewrites a condition on a to-one relation whose key has several columns ({@code
 * TenantOrder_.CUSTOMER.idEq(key)}) into conditions on those columns: {@code tenant_id = $1 AND
 * customer_id = $2}. A reference is absent when any of its columns is NULL, as a foreign key with
 * {@code MATCH SIMPLE} would have it.
 */
final class CompositeReference {
  private CompositeReference() {}

  /** A relation over several key columns named by a condition's operand. */
  record Found(PropertyRef ref, RelationModel relation, EntityModel<?> target) {}

  /**
   * The condition over the relation's columns, or null when the condition names no such relation.
   *
   * @throws QueryBuildException for a condition a key of several columns cannot take
   */
  static @Nullable Predicate expand(
      Predicate predicate, Function<Expression, @Nullable Found> lookup) {
    Found f;
    if (predicate instanceof Predicate.Comparison c && (f = lookup.apply(c.left())) != null) {
      boolean equal = c.operator() == Predicate.Operator.EQ;
      if (!equal && c.operator() != Predicate.Operator.NE || !(c.right() instanceof Value v)) {
        throw refused(f, "can only be compared for equality with a key value");
      }
      Predicate match = matches(f, v.value());
      return equal ? match : new Predicate.Not(match);
    }
    if (predicate instanceof Predicate.InList in && (f = lookup.apply(in.operand())) != null) {
      List<Predicate> any = new ArrayList<>();
      for (Object key : in.values()) {
        any.add(matches(f, key));
      }
      Predicate match = new Predicate.Or(any);
      return in.negated() ? new Predicate.Not(match) : match;
    }
    if (predicate instanceof Predicate.NullCheck n && (f = lookup.apply(n.operand())) != null) {
      List<Predicate> parts = new ArrayList<>();
      for (ColumnModel c : f.relation().foreignKeys()) {
        parts.add(new Predicate.NullCheck(column(f, c), n.negated()));
      }
      // absent when any column is NULL; present when all are set
      return n.negated() ? new Predicate.And(parts) : new Predicate.Or(parts);
    }
    if (predicate instanceof Predicate.InQuery in && (f = lookup.apply(in.operand())) != null) {
      throw refused(
          f,
          "cannot be compared with a subquery of one column; compare its key columns"
              + " with an EXISTS subquery instead");
    }
    return null;
  }

  private static Predicate matches(Found f, @Nullable Object key) {
    if (key == null) {
      throw refused(f, "was compared with null; use isNull()");
    }
    Object id = key instanceof Ref<?> ref ? keyOf(f, ref) : key;
    List<Object> parts;
    try {
      parts = f.target().idParts(id);
    } catch (IllegalArgumentException e) {
      throw new QueryBuildException(
          f.relation().owner().getSimpleName()
              + "."
              + f.relation().name()
              + " refers to the composite key of "
              + f.target().type().getSimpleName()
              + ": "
              + e.getMessage());
    }
    List<Predicate> equal = new ArrayList<>();
    for (int i = 0; i < parts.size(); i++) {
      equal.add(
          new Predicate.Comparison(
              column(f, f.relation().foreignKeys().get(i)),
              Predicate.Operator.EQ,
              new Value(parts.get(i))));
    }
    return new Predicate.And(equal);
  }

  @SuppressWarnings("unchecked")
  private static Object keyOf(Found f, Ref<?> ref) {
    if (ref.id() != null) {
      return ref.id();
    }
    Object entity = ref.isLoaded() ? ref.get() : null;
    Object id = entity == null ? null : ((EntityModel<Object>) f.target()).idValue(entity);
    if (id == null) {
      throw refused(f, "was compared with a Ref to nothing; use isNull()");
    }
    return id;
  }

  private static PropertyRef column(Found f, ColumnModel c) {
    return new PropertyRef(f.ref().owner(), c.path(), f.ref().alias());
  }

  private static QueryBuildException refused(Found f, String what) {
    RelationModel r = f.relation();
    return new QueryBuildException(
        r.owner().getSimpleName()
            + "."
            + r.name()
            + " refers to "
            + r.target().getSimpleName()
            + " by the columns "
            + r.foreignKeys().stream().map(c -> c.name().name()).toList()
            + " and "
            + what);
  }
}
