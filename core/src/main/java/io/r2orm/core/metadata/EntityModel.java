package io.r2orm.core.metadata;

import io.r2orm.core.annotation.IdGeneration;
import io.r2orm.core.exception.MappingException;
import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.sql.Identifier;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The immutable mapping of one entity class: its table, its columns in a fixed order, the id, the
 * optional version, indexes, and how instances are built and read. Built once per class by {@link
 * EntityModels} and shared; thread-safe.
 *
 * @param <T> the entity type
 */
public final class EntityModel<T> {
  /**
   * The timestamp types a {@code @Version} may have besides the integers: a last-modified time,
   * often kept by a database trigger, compared as read and read back after each update.
   */
  public static final java.util.Set<Class<?>> TIMESTAMP_VERSIONS =
      java.util.Set.of(
          java.time.Instant.class, java.time.OffsetDateTime.class, java.time.LocalDateTime.class);

  private final Class<T> type;
  private final @Nullable Identifier schema;
  private final Identifier table;
  private final List<ColumnModel> columns;
  private final List<RelationModel> relations;
  private final List<RelationModel> inverseRelations;
  private final Map<String, ColumnModel> byPath;
  private final @Nullable ColumnModel id;
  private final List<ColumnModel> idColumns;
  private final Function<Object, @Nullable Object> idGetter;
  private final List<Function<Object, @Nullable Object>> idPartGetters;
  private final Class<?> keyType;
  private final IdGeneration idGeneration;
  private final io.r2orm.core.internal.reflect.@Nullable ConstructorCall<?> keyConstructor;
  private final int[] idIndexes;

  /**
   * Pairs of column indexes {@code (read, written)}: a column of a composite foreign key that only
   * reads a column another property writes (the tenant column of the entity's own key).
   */
  private final int[][] sharedColumns;

  private final @Nullable ColumnModel version;
  private final List<IndexModel> indexes;
  private final Instantiator instantiator;
  private final @Nullable MethodHandle idSetter;
  private final @Nullable MethodHandle versionSetter;

  EntityModel(
      Class<T> type,
      @Nullable Identifier schema,
      Identifier table,
      List<ColumnModel> columns,
      List<RelationModel> relations,
      @Nullable ColumnModel id,
      List<ColumnModel> idColumns,
      Function<Object, @Nullable Object> idGetter,
      List<Function<Object, @Nullable Object>> idPartGetters,
      Class<?> keyType,
      IdGeneration idGeneration,
      io.r2orm.core.internal.reflect.@Nullable ConstructorCall<?> keyConstructor,
      @Nullable ColumnModel version,
      List<IndexModel> indexes,
      Instantiator instantiator,
      @Nullable MethodHandle idSetter,
      @Nullable MethodHandle versionSetter) {
    this.type = type;
    this.schema = schema;
    this.table = table;
    this.columns = List.copyOf(columns);
    this.relations = List.copyOf(relations);
    this.inverseRelations = this.relations.stream().filter(RelationModel::hasOwnSlot).toList();
    this.byPath =
        this.columns.stream()
            .collect(Collectors.toUnmodifiableMap(ColumnModel::path, Function.identity()));
    this.id = id;
    this.idColumns = List.copyOf(idColumns);
    this.idGetter = idGetter;
    this.idPartGetters = List.copyOf(idPartGetters);
    this.keyType = keyType;
    this.idGeneration = idGeneration;
    this.keyConstructor = keyConstructor;
    this.idIndexes = this.idColumns.stream().mapToInt(this.columns::indexOf).toArray();
    List<int[]> shared = new java.util.ArrayList<>();
    for (RelationModel r : this.relations) {
      if (r.compositeRef() == null) continue;
      for (ColumnModel part : r.foreignKeys()) {
        if (part.insertable()) continue;
        for (ColumnModel writer : this.columns) {
          if (writer != part && writer.insertable() && writer.name().equals(part.name())) {
            shared.add(new int[] {this.columns.indexOf(part), this.columns.indexOf(writer)});
            break;
          }
        }
      }
    }
    this.sharedColumns = shared.toArray(int[][]::new);
    this.version = version;
    this.indexes = List.copyOf(indexes);
    this.instantiator = instantiator;
    this.idSetter = idSetter == null ? null : idSetter.asType(SETTER);
    this.versionSetter = versionSetter == null ? null : versionSetter.asType(SETTER);
  }

  private static final MethodType SETTER =
      MethodType.methodType(void.class, Object.class, Object.class);

  /** The entity class. */
  public Class<T> type() {
    return type;
  }

  /** The schema, when the entity names one. */
  public Optional<Identifier> schema() {
    return Optional.ofNullable(schema);
  }

  /** The table name. */
  public Identifier table() {
    return table;
  }

  /** Every mapped column, in declaration order (embedded parts in place). */
  public List<ColumnModel> columns() {
    return columns;
  }

  /** Every relation property, in declaration order. */
  public List<RelationModel> relations() {
    return relations;
  }

  /**
   * The relation with this property name.
   *
   * @throws QueryBuildException naming the known relations when there is none
   */
  public RelationModel relation(String name) {
    for (RelationModel r : relations) {
      if (r.name().equals(name)) {
        return r;
      }
    }
    throw new QueryBuildException(
        type.getSimpleName()
            + " has no relation '"
            + name
            + "'; known relations: "
            + relations.stream().map(RelationModel::name).toList());
  }

  /**
   * The length of the value array of an instance: one value per column, then one per relation that
   * has no column of its own (inverse one-to-one, one-to-many, many-to-many, and a to-one over
   * several key columns).
   */
  public int valueCount() {
    return columns.size() + inverseRelations.size();
  }

  /**
   * The id column of an entity with a single-column key.
   *
   * @throws MappingException naming the key's columns when the key is composite (see {@link
   *     #idColumns()})
   */
  public ColumnModel id() {
    if (id == null) {
      throw new MappingException(
          type.getSimpleName()
              + " has a composite key "
              + idColumns.stream().map(ColumnModel::path).toList()
              + ", which this operation does not support; it needs an entity with a single @Id");
    }
    return id;
  }

  /**
   * The key's columns: the one id column, or the components of a composite key
   * ({@code @Id @Embedded} record) in declaration order.
   */
  public List<ColumnModel> idColumns() {
    return idColumns;
  }

  /** Whether the key is made of several columns ({@code @Id @Embedded} on a record). */
  public boolean hasCompositeId() {
    return id == null;
  }

  /** Whether the column is the id or a part of a composite key. */
  public boolean isIdColumn(ColumnModel column) {
    return idColumns.contains(column);
  }

  /**
   * The Java values of the key's columns for an id value (the id itself, or a composite key
   * record's components), in the order of {@link #idColumns()}.
   *
   * @throws IllegalArgumentException when the id is not of the key's type or a part is null
   */
  public List<Object> idParts(Object idValue) {
    Objects.requireNonNull(idValue, "id must not be null");
    if (id != null) {
      return List.of(idValue);
    }
    if (!keyType.isInstance(idValue)) {
      throw new IllegalArgumentException(
          "the id of "
              + type.getSimpleName()
              + " is a "
              + keyType.getSimpleName()
              + " (its composite key), not a "
              + idValue.getClass().getName()
              + "; pass e.g. new "
              + keyType.getSimpleName()
              + "(...)");
    }
    List<Object> parts = new java.util.ArrayList<>(idColumns.size());
    for (int i = 0; i < idColumns.size(); i++) {
      Object part = idPartGetters.get(i).apply(idValue);
      if (part == null) {
        throw new IllegalArgumentException(
            "part "
                + idColumns.get(i).path()
                + " of the composite key of "
                + type.getSimpleName()
                + " is null; every part of a key must be set");
      }
      parts.add(part);
    }
    return parts;
  }

  /**
   * The id value for the key's column values, in the order of {@link #idColumns()}: the one value,
   * or a new composite key record of them.
   */
  public Object key(Object[] parts) {
    if (parts.length != idColumns.size()) {
      throw new IllegalArgumentException(
          "the key of "
              + type.getSimpleName()
              + " has "
              + idColumns.size()
              + " columns, not "
              + parts.length);
    }
    if (keyConstructor == null) {
      return parts[0];
    }
    return keyConstructor.call(
        parts,
        i ->
            new IllegalArgumentException(
                "part "
                    + idColumns.get(i).path()
                    + " of the composite key of "
                    + type.getSimpleName()
                    + " is null; every part of a key must be set"));
  }

  /**
   * The id held by a value array (see {@link #values}), or null when a key column is NULL (an outer
   * join found no row).
   */
  public @Nullable Object idOf(Object[] values) {
    if (keyConstructor == null) {
      return values[idIndexes[0]];
    }
    Object[] parts = new Object[idIndexes.length];
    for (int i = 0; i < parts.length; i++) {
      parts[i] = values[idIndexes[i]];
      if (parts[i] == null) {
        return null;
      }
    }
    return key(parts);
  }

  /** The Java type of an id value: the id property's type, or the composite key's record. */
  public Class<?> keyType() {
    return keyType;
  }

  /** How ids are produced, resolved ({@code AUTO} never appears here). */
  public IdGeneration idGeneration() {
    return idGeneration;
  }

  /** The version column, if the entity has one. */
  public Optional<ColumnModel> version() {
    return Optional.ofNullable(version);
  }

  /** Indexes declared on the entity. */
  public List<IndexModel> indexes() {
    return indexes;
  }

  /** The position of a column in {@link #columns()}. */
  public int indexOf(ColumnModel column) {
    return columns.indexOf(column);
  }

  /**
   * The column of a property path ({@code title}, {@code address.city}).
   *
   * @throws QueryBuildException naming the known properties when there is no such property
   */
  public ColumnModel column(String path) {
    ColumnModel c = byPath.get(path);
    if (c == null) {
      throw new QueryBuildException(
          type.getSimpleName()
              + " has no mapped property '"
              + path
              + "'; known properties: "
              + columns.stream().map(ColumnModel::path).toList());
    }
    return c;
  }

  /**
   * The columns that hold a key of another entity, named by a property ({@code mappedBy}): the
   * property's one column, or the columns of a to-one relation to a target with a composite key.
   *
   * @throws QueryBuildException naming the known properties when there is no such property
   */
  public List<ColumnModel> referenceColumns(String property) {
    ColumnModel c = byPath.get(property);
    if (c != null) {
      return List.of(c);
    }
    for (RelationModel r : relations) {
      if (r.name().equals(property) && r.ownsKey()) {
        return r.foreignKeys();
      }
    }
    return List.of(column(property));
  }

  /** Whether the entity has a mapped property with this path. */
  public boolean hasColumn(String path) {
    return byPath.containsKey(path);
  }

  /**
   * Builds an instance from property values in column order (already converted from the database).
   *
   * @throws MappingException naming the property when a primitive gets NULL or a constructor fails
   */
  public T instantiate(Object[] values) {
    try {
      return type.cast(instantiator.create(values));
    } catch (Instantiator.NullPrimitiveException e) {
      throw new MappingException(
          "Column "
              + column(e.path).name()
              + " is NULL but "
              + type.getSimpleName()
              + "."
              + e.path
              + " is primitive; make the property a boxed type or the column NOT NULL");
    } catch (RuntimeException | Error e) {
      throw new MappingException("Cannot create " + type.getName() + ": " + e, e);
    } catch (Throwable e) {
      throw new MappingException("Cannot create " + type.getName() + ": " + e, e);
    }
  }

  /**
   * The property values of an instance: columns in order, then relations without a column (see
   * {@link #valueCount()}). Java values, not converted.
   */
  public Object[] values(T entity) {
    Object[] values = new Object[valueCount()];
    for (int i = 0; i < columns.size(); i++) {
      values[i] = columns.get(i).getter().apply(entity);
    }
    for (RelationModel r : inverseRelations) {
      values[r.slot()] = r.getter().apply(entity);
    }
    for (int[] pair : sharedColumns) {
      Object read = values[pair[0]];
      Object written = values[pair[1]];
      if (read != null && written != null && !sameValue(read, written)) {
        ColumnModel part = columns.get(pair[0]);
        ColumnModel writer = columns.get(pair[1]);
        throw new IllegalArgumentException(
            type.getSimpleName()
                + "."
                + part.path()
                + " is "
                + read
                + " but "
                + type.getSimpleName()
                + "."
                + writer.path()
                + " is "
                + written
                + "; both are column "
                + part.name()
                + ", which "
                + writer.path()
                + " writes, so the relation would refer to another row than the one given;"
                + " make them agree");
      }
    }
    return values;
  }

  private static boolean sameValue(Object a, Object b) {
    if (a instanceof Number x && b instanceof Number y && !(a instanceof java.math.BigDecimal)) {
      return x.longValue() == y.longValue();
    }
    return a.equals(b);
  }

  /** The id value of an instance (may be null): a composite key's record for a composite key. */
  public @Nullable Object idValue(T entity) {
    return idGetter.apply(entity);
  }

  /** The version value of an instance, or null when there is no version or it is unset. */
  public @Nullable Object versionValue(T entity) {
    return version == null ? null : version.getter().apply(entity);
  }

  /**
   * Whether {@code save} should insert this instance: for generated ids when the id is null (or 0);
   * for assigned ids when a version exists and is null (or 0). Returns empty when the model cannot
   * tell (an assigned id without a version), so that the caller upserts instead of guessing.
   */
  public Optional<Boolean> isNew(T entity) {
    if (idGeneration == IdGeneration.IDENTITY) {
      return Optional.of(isUnset(idValue(entity)));
    }
    if (isUnset(idValue(entity))) {
      return Optional.of(true);
    }
    if (version != null) {
      return Optional.of(isUnset(versionValue(entity)));
    }
    return Optional.empty();
  }

  private static boolean isUnset(@Nullable Object value) {
    return value == null || (value instanceof Number n && n.longValue() == 0L);
  }

  /** A fresh id for {@link IdGeneration#UUID} when the instance has none, else null. */
  public @Nullable Object newClientId(T entity) {
    if (idGeneration == IdGeneration.UUID && idValue(entity) == null) {
      return UUID.randomUUID();
    }
    return null;
  }

  /**
   * The instance with a new id and/or version. Records are copied (the argument is unchanged);
   * classes are updated in place and returned. A null argument keeps the current value.
   */
  public T with(T entity, @Nullable Object newId, @Nullable Object newVersion) {
    Objects.requireNonNull(entity, "entity must not be null");
    try {
      if (type.isRecord()) {
        Object[] values = values(entity);
        if (newId != null) {
          List<Object> parts = idParts(newId);
          for (int i = 0; i < parts.size(); i++) {
            values[columns.indexOf(idColumns.get(i))] = parts.get(i);
          }
        }
        if (newVersion != null && version != null) values[columns.indexOf(version)] = newVersion;
        return instantiate(values);
      }
      if (newId != null) {
        Objects.requireNonNull(idSetter, "no id setter").invokeExact((Object) entity, newId);
      }
      if (newVersion != null && versionSetter != null)
        versionSetter.invokeExact((Object) entity, newVersion);
      return entity;
    } catch (RuntimeException | Error e) {
      throw e;
    } catch (Throwable e) {
      throw new MappingException("Cannot set the id or version of " + type.getName(), e);
    }
  }

  @Override
  public String toString() {
    return "EntityModel[" + type.getSimpleName() + " -> " + table + "]";
  }
}
