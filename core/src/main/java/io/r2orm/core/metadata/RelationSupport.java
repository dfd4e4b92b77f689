package io.r2orm.core.metadata;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.OneToOne;
import io.r2orm.core.convert.ValueType;
import io.r2orm.core.convert.ValueTypes;
import io.r2orm.core.exception.EntityDefinitionException;
import io.r2orm.core.query.Order;
import io.r2orm.core.query.PropertyRef;
import io.r2orm.core.query.Ref;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Reads relation annotations and builds what relations need: key types, element types, orders. */
final class RelationSupport {
  private RelationSupport() {}

  /** The relation annotation on a property, normalized. */
  record Declared(
      RelationModel.Kind kind,
      boolean ownsKey,
      String column,
      List<String> columns,
      @Nullable String mappedBy,
      String joinTable,
      String joinColumn,
      String inverseJoinColumn,
      String orderBy,
      @Nullable Class<?> explicitTarget) {}

  static @Nullable Declared declared(AnnotatedElement e) {
    ManyToOne m2o = e.getAnnotation(ManyToOne.class);
    OneToOne o2o = e.getAnnotation(OneToOne.class);
    OneToMany o2m = e.getAnnotation(OneToMany.class);
    ManyToMany m2m = e.getAnnotation(ManyToMany.class);
    int count =
        (m2o != null ? 1 : 0)
            + (o2o != null ? 1 : 0)
            + (o2m != null ? 1 : 0)
            + (m2m != null ? 1 : 0);
    if (count > 1) {
      throw new IllegalArgumentException("more than one relation annotation");
    }
    if (m2o != null) {
      return new Declared(
          RelationModel.Kind.MANY_TO_ONE,
          true,
          m2o.column(),
          List.of(m2o.columns()),
          null,
          "",
          "",
          "",
          "",
          null);
    }
    if (o2o != null) {
      boolean inverse = !o2o.mappedBy().isEmpty();
      return new Declared(
          inverse ? RelationModel.Kind.ONE_TO_ONE_INVERSE : RelationModel.Kind.ONE_TO_ONE,
          !inverse,
          o2o.column(),
          List.of(o2o.columns()),
          inverse ? o2o.mappedBy() : null,
          "",
          "",
          "",
          "",
          null);
    }
    if (o2m != null) {
      return new Declared(
          RelationModel.Kind.ONE_TO_MANY,
          false,
          "",
          List.of(),
          o2m.mappedBy(),
          "",
          "",
          "",
          o2m.orderBy(),
          null);
    }
    if (m2m != null) {
      return new Declared(
          RelationModel.Kind.MANY_TO_MANY,
          false,
          "",
          List.of(),
          null,
          m2m.joinTable(),
          m2m.joinColumn(),
          m2m.inverseJoinColumn(),
          m2m.orderBy(),
          m2m.target() == void.class ? null : m2m.target());
    }
    return null;
  }

  /** The type the property holds per element: {@code T} of {@code Ref<T>} or {@code List<T>}. */
  static Class<?> elementType(
      Class<?> owner, String property, Class<?> raw, Type generic, Declared d) {
    boolean many =
        d.kind() == RelationModel.Kind.ONE_TO_MANY || d.kind() == RelationModel.Kind.MANY_TO_MANY;
    Class<?> expected = many ? List.class : Ref.class;
    String example = many ? "List<Book>" : "Ref<Author>";
    if (raw != expected
        || !(generic instanceof ParameterizedType pt)
        || !(pt.getActualTypeArguments()[0] instanceof Class<?> element)) {
      throw new EntityDefinitionException(
          owner,
          "relation '"
              + property
              + "' must be declared as "
              + expected.getSimpleName()
              + "<Target> (e.g. "
              + example
              + "), not "
              + generic.getTypeName());
    }
    if (d.kind() == RelationModel.Kind.MANY_TO_MANY) {
      if (d.joinTable().isEmpty() || d.joinColumn().isEmpty() || d.inverseJoinColumn().isEmpty()) {
        throw new EntityDefinitionException(
            owner,
            "@ManyToMany '" + property + "' needs joinTable, joinColumn and inverseJoinColumn");
      }
      // @Table is optional on entities, so an @Id marks one as well
      boolean entity =
          element.isAnnotationPresent(io.r2orm.core.annotation.Table.class)
              || idType(element) != null;
      if (!entity && d.explicitTarget() == null) {
        throw new EntityDefinitionException(
            owner,
            "@ManyToMany '"
                + property
                + "' holds "
                + element.getSimpleName()
                + ", which is not an entity; for a list of ids name the entity with target = X.class");
      }
    }
    if ((d.kind() == RelationModel.Kind.ONE_TO_MANY
            || d.kind() == RelationModel.Kind.ONE_TO_ONE_INVERSE)
        && (d.mappedBy() == null || d.mappedBy().isBlank())) {
      throw new EntityDefinitionException(
          owner,
          "relation '"
              + property
              + "' needs mappedBy: the target's property that holds the foreign key");
    }
    return element;
  }

  /**
   * The type of the id of an entity class, found without building its model (relations may cycle).
   */
  static @Nullable Class<?> idType(Class<?> entity) {
    for (Class<?> c = entity; c != null && c != Object.class; c = c.getSuperclass()) {
      if (c.isRecord()) {
        for (RecordComponent rc : c.getRecordComponents()) {
          if (rc.isAnnotationPresent(Id.class)) return ValueTypes.box(rc.getType());
        }
      }
      for (Field f : c.getDeclaredFields()) {
        if (f.isAnnotationPresent(Id.class)) return ValueTypes.box(f.getType());
      }
    }
    return null;
  }

  /** One component of a target's composite key: its name and boxed type. */
  record KeyPart(String name, Class<?> type) {}

  /**
   * The components of the target's composite key record ({@code @Id @Embedded}), in order, or an
   * empty list when the target has a single-column key (or none). Found without building the
   * target's model, as relations may cycle.
   */
  static List<KeyPart> compositeKeyParts(Class<?> target) {
    Class<?> idType = idType(target);
    if (idType == null || !idType.isRecord()) {
      return List.of();
    }
    List<KeyPart> parts = new ArrayList<>();
    for (RecordComponent rc : idType.getRecordComponents()) {
      parts.add(new KeyPart(rc.getName(), ValueTypes.box(rc.getType())));
    }
    return parts;
  }

  /**
   * How a foreign key to {@code target} converts: a {@code Ref} (or a plain id, in conditions) to
   * the id's column value, and a column value to an unfetched {@code Ref}.
   */
  static ValueType foreignKeyType(EntityModels registry, Class<?> target, String unloadedMessage) {
    Class<?> idType = idType(target);
    if (idType == null) {
      throw new IllegalArgumentException("target " + target.getName() + " has no @Id");
    }
    if (idType.isRecord()) {
      throw new IllegalStateException(
          "a composite key (" + idType.getName() + ") has one foreign-key column per part");
    }
    ValueType id =
        ValueTypes.builtIn(idType)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "target "
                            + target.getName()
                            + " has an id of unsupported type "
                            + idType.getName()));
    return new ValueType(
        Ref.class,
        id.databaseType(),
        id.sqlType(),
        value -> id.write(coerce(keyOf(registry, target, value), idType)),
        column -> Ref.unloaded(id.read(column), unloadedMessage));
  }

  @SuppressWarnings("unchecked")
  private static @Nullable Object keyOf(EntityModels registry, Class<?> target, Object value) {
    if (!(value instanceof Ref<?> ref)) {
      return value;
    }
    if (ref.id() != null) {
      return ref.id();
    }
    Object entity = ref.get();
    return entity == null ? null : ((EntityModel<Object>) registry.of(target)).idValue(entity);
  }

  private static @Nullable Object coerce(@Nullable Object id, Class<?> idType) {
    if (id instanceof Number n && !idType.isInstance(id) && isWhole(n)) {
      if (idType == Long.class) return n.longValue();
      if (idType == Integer.class) return Math.toIntExact(n.longValue());
      if (idType == Short.class && n.longValue() == n.shortValue()) return n.shortValue();
    }
    if (id != null && !idType.isInstance(id)) {
      // without this check the value would be bound as it is, under the key column's type
      throw new IllegalArgumentException(
          "a key must be a Ref or a "
              + idType.getSimpleName()
              + " id, not a "
              + id.getClass().getName());
    }
    return id;
  }

  /** Whether a number is an integer value (5.0 is, 5.5 is not), so it can stand for an id. */
  private static boolean isWhole(Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      return d == Math.rint(d) && !Double.isInfinite(d);
    }
    if (n instanceof java.math.BigDecimal b) {
      return b.stripTrailingZeros().scale() <= 0;
    }
    return true;
  }

  /** Parses {@code "year DESC, id"} into sort keys on the target. */
  static List<Order> parseOrder(
      Class<?> owner, String relation, Class<?> target, @Nullable String orderBy) {
    List<Order> orders = new ArrayList<>();
    if (orderBy == null || orderBy.isBlank()) {
      return orders;
    }
    for (String part : orderBy.split(",")) {
      String[] words = part.trim().split("\\s+");
      if (words.length > 2 || words[0].isEmpty()) {
        throw new EntityDefinitionException(
            owner,
            "orderBy of '"
                + relation
                + "' must look like \"property [ASC|DESC], …\", got \""
                + orderBy
                + "\"");
      }
      PropertyRef ref = new PropertyRef(target, words[0]);
      String dir = words.length == 2 ? words[1].toUpperCase(Locale.ROOT) : "ASC";
      if (!dir.equals("ASC") && !dir.equals("DESC")) {
        throw new EntityDefinitionException(
            owner,
            "orderBy of '" + relation + "' has direction '" + words[1] + "'; use ASC or DESC");
      }
      orders.add(
          new Order(
              ref,
              dir.equals("ASC") ? Order.Direction.ASC : Order.Direction.DESC,
              Order.Nulls.DEFAULT));
    }
    return orders;
  }
}
