package io.r2orm.r2dbc.repository;

import io.r2orm.core.convert.ValueTypes;
import io.r2orm.core.metadata.ColumnModel;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.metadata.RelationModel;
import io.r2orm.core.query.Ref;
import io.r2orm.r2dbc.Database;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What every method of one repository is built against: the database, the entity model, the
 * resolved type arguments, and the queryable properties (columns, embedded parts, and the keys of
 * to-one relations also as {@code relation.id}).
 */
final class RepositoryContext {
  final Database db;
  final Class<?> repository;
  final EntityModel<Object> model;
  final Types types;

  /** Property path as it may be written in a method name → the column it queries. */
  final Map<String, ColumnModel> queryable;

  private final List<String> properties;

  /** Reads derived query names against {@link #properties()}. */
  final MethodNameParser parser;

  @SuppressWarnings("unchecked")
  RepositoryContext(Database db, Class<?> repository, Class<?> entity, Types types) {
    this.db = db;
    this.repository = repository;
    this.model = (EntityModel<Object>) db.model(entity);
    this.types = types;
    Map<String, ColumnModel> q = new LinkedHashMap<>();
    for (ColumnModel c : model.columns()) {
      q.put(c.path(), c);
    }
    for (RelationModel r : model.relations()) {
      ColumnModel foreignKey = r.foreignKey();
      if (foreignKey != null) {
        // a composite foreign key's columns are queryable by their own paths (customer.tenantId)
        q.putIfAbsent(r.name() + "." + db.model(r.target()).id().path(), foreignKey);
      }
    }
    this.queryable = Map.copyOf(q);
    this.properties = List.copyOf(q.keySet());
    this.parser = new MethodNameParser(entityName(), properties);
  }

  /** The queryable property paths, in declaration order. */
  List<String> properties() {
    return properties;
  }

  Class<?> entity() {
    return model.type();
  }

  String entityName() {
    return model.type().getSimpleName();
  }

  /** {@code BookRepository.findByTitle(String)}. */
  String describe(Method m) {
    return repository.getSimpleName()
        + "."
        + m.getName()
        + "("
        + Arrays.stream(m.getParameterTypes())
            .map(Class::getSimpleName)
            .collect(Collectors.joining(", "))
        + ")";
  }

  /** A creation-time error about one method. */
  RepositoryDefinitionException fail(Method m, String problem) {
    return new RepositoryDefinitionException("Cannot implement " + describe(m) + ": " + problem);
  }

  /** The method's generic return type with the repository's type arguments filled in. */
  Type returnType(Method m) {
    return types.resolve(m.getGenericReturnType());
  }

  /** The method's generic parameter types, resolved. */
  Type[] parameterTypes(Method m) {
    Type[] t = m.getGenericParameterTypes();
    for (int i = 0; i < t.length; i++) {
      t[i] = types.resolve(t[i]);
    }
    return t;
  }

  /**
   * Whether a value of {@code given} can be compared with the column: the property's type (boxed),
   * any number for a number, a name for an enum, and for a to-one key a {@code Ref} or the target's
   * id type.
   */
  boolean accepts(ColumnModel column, Class<?> given) {
    Class<?> g = ValueTypes.box(given);
    if (g == Object.class) {
      return true;
    }
    Class<?> expected = ValueTypes.box(column.propertyType());
    if (expected == Ref.class) {
      if (Ref.class.isAssignableFrom(g)) return true;
      expected = ValueTypes.box(targetIdType(column));
    }
    return expected.isAssignableFrom(g)
        || Number.class.isAssignableFrom(expected) && Number.class.isAssignableFrom(g)
        || expected.isEnum() && g == String.class;
  }

  private Class<?> targetIdType(ColumnModel foreignKey) {
    for (RelationModel r : model.relations()) {
      if (r.foreignKey() == foreignKey) {
        return db.model(r.target()).id().propertyType();
      }
    }
    return Object.class;
  }
}
