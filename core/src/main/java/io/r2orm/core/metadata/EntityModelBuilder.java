package io.r2orm.core.metadata;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Convert;
import io.r2orm.core.annotation.Embedded;
import io.r2orm.core.annotation.EnumType;
import io.r2orm.core.annotation.Enumerated;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.IdGeneration;
import io.r2orm.core.annotation.Index;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Transient;
import io.r2orm.core.annotation.Version;
import io.r2orm.core.convert.AttributeConverter;
import io.r2orm.core.convert.ValueType;
import io.r2orm.core.convert.ValueTypes;
import io.r2orm.core.exception.EntityDefinitionException;
import io.r2orm.core.internal.reflect.ConstructorCall;
import io.r2orm.core.sql.Identifier;
import java.lang.annotation.Annotation;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/** Reads one entity class into an {@link EntityModel}, rejecting what cannot be mapped. */
final class EntityModelBuilder<T> {
  private static final MethodType GETTER = MethodType.methodType(Object.class, Object.class);

  private final Class<T> type;
  private final EntityModels registry;
  private final NamingStrategy naming;
  private final Map<Class<?>, AttributeConverter<?, ?>> converters;

  /** Stores non-text properties of JSON columns; null when none was registered. */
  private final io.r2orm.core.convert.@Nullable JsonCodec jsonCodec;

  private final List<ColumnModel> columns = new ArrayList<>();
  private final Map<String, String> propertyByColumn = new HashMap<>();
  private @Nullable ColumnModel id;

  /** A composite key's columns, getter of its record, and getters of the record's components. */
  private List<ColumnModel> compositeId = List.of();

  private @Nullable Function<Object, Object> compositeIdGetter;
  private final List<Function<Object, @Nullable Object>> idPartGetters = new ArrayList<>();
  private @Nullable Class<?> compositeIdType;

  /** Set while the components of a composite key are read: they are NOT NULL key columns. */
  private boolean inCompositeId;

  private @Nullable IdGeneration idGeneration;
  private @Nullable MethodHandle idSetter;
  private @Nullable ColumnModel version;
  private @Nullable MethodHandle versionSetter;
  private final List<RelationDraft> relationDrafts = new ArrayList<>();

  /**
   * A relation found while walking the properties; its slot is fixed once the columns are known.
   */
  private record RelationDraft(
      RelationModel.Kind kind,
      String name,
      Class<?> target,
      Class<?> elementType,
      @Nullable ColumnModel foreignKey,
      List<ColumnModel> foreignKeys,
      @Nullable String mappedBy,
      @Nullable Identifier joinTable,
      @Nullable Identifier joinColumn,
      @Nullable Identifier inverseJoinColumn,
      @Nullable String orderBy,
      Function<Object, Object> getter,
      int ordinal) {}

  EntityModelBuilder(
      Class<T> type,
      EntityModels registry,
      NamingStrategy naming,
      Map<Class<?>, AttributeConverter<?, ?>> converters,
      io.r2orm.core.convert.@Nullable JsonCodec jsonCodec) {
    this.jsonCodec = jsonCodec;
    this.type = type;
    this.registry = registry;
    this.naming = naming;
    this.converters = converters;
  }

  /** One property as found on a record or class. */
  private record PropertyInfo(
      String name,
      Class<?> type,
      java.lang.reflect.Type genericType,
      AnnotatedElement annotations,
      MethodHandle getter,
      @Nullable MethodHandle setter) {
    <A extends Annotation> A annotation(Class<A> a) {
      return annotations.getAnnotation(a);
    }
  }

  EntityModel<T> build() {
    if (type.isInterface()
        || type.isEnum()
        || type.isPrimitive()
        || type.isArray()
        || Modifier.isAbstract(type.getModifiers())) {
      throw fail("an entity must be a record or a concrete class");
    }
    Table table = type.getAnnotation(Table.class);
    Instantiator instantiator = part(type, "", "", Function.identity(), new ArrayDeque<>());
    if (id == null && compositeId.isEmpty()) {
      throw fail("no property is annotated with @Id; mark the primary key, e.g. `@Id Long id`");
    }
    Identifier tableName =
        identifier(
            table != null && !table.value().isEmpty() ? table.value() : naming.tableName(type),
            "table");
    Identifier schema =
        table != null && !table.schema().isEmpty() ? identifier(table.schema(), "schema") : null;
    List<IndexModel> indexes = new ArrayList<>();
    if (table != null) {
      for (Index index : table.indexes()) {
        indexes.add(index(tableName, index));
      }
    }
    return new EntityModel<>(
        type,
        schema,
        tableName,
        columns,
        relations(),
        id,
        id != null ? List.of(id) : compositeId,
        id != null ? id.getter()::apply : Objects.requireNonNull(compositeIdGetter)::apply,
        id != null ? List.of(v -> v) : idPartGetters,
        id != null ? id.propertyType() : Objects.requireNonNull(compositeIdType),
        Objects.requireNonNull(idGeneration, "no id generation"),
        id != null ? null : constructor(Objects.requireNonNull(compositeIdType), true),
        version,
        indexes,
        instantiator,
        idSetter,
        versionSetter);
  }

  private IndexModel index(Identifier table, Index index) {
    if (index.properties().length == 0) {
      throw fail("@Index on @Table must name at least one property");
    }
    List<ColumnModel> cols = new ArrayList<>();
    for (String p : index.properties()) {
      ColumnModel c =
          columns.stream()
              .filter(x -> x.path().equals(p))
              .findFirst()
              .orElseThrow(
                  () ->
                      fail(
                          "@Index names property '"
                              + p
                              + "', which is not mapped; known properties: "
                              + columns.stream().map(ColumnModel::path).toList()));
      cols.add(c);
    }
    String name =
        index.name().isEmpty()
            ? table.name()
                + "_"
                + String.join("_", cols.stream().map(c -> c.name().name()).toList())
                + "_idx"
            : index.name();
    if (name.length() > 63) {
      name = name.substring(0, 59) + "_idx";
    }
    return new IndexModel(identifier(name, "index"), cols, index.unique());
  }

  private Instantiator part(
      Class<?> partType,
      String pathPrefix,
      String columnPrefix,
      Function<Object, Object> parentGetter,
      Deque<Class<?>> embedding) {
    if (embedding.contains(partType)) {
      throw fail(
          "embedded type "
              + partType.getName()
              + " contains itself; embedded parts cannot be recursive");
    }
    embedding.push(partType);
    try {
      boolean root = embedding.size() == 1;
      List<PropertyInfo> properties =
          partType.isRecord() ? recordProperties(partType) : classProperties(partType);
      int from = columns.size();
      List<Instantiator.Slot> slots = new ArrayList<>();
      List<MethodHandle> setters = new ArrayList<>();
      for (PropertyInfo p : properties) {
        String path = pathPrefix + p.name();
        Function<Object, Object> getter = chain(parentGetter, p.getter(), root);
        Embedded embedded = p.annotation(Embedded.class);
        RelationSupport.Declared declared;
        try {
          declared = RelationSupport.declared(p.annotations());
        } catch (IllegalArgumentException e) {
          throw fail("property '" + path + "' has " + e.getMessage() + "; keep one");
        }
        if (declared != null) {
          if (!root) {
            throw fail(
                "relation '"
                    + path
                    + "' is inside an embedded part; relations are only allowed on the entity itself");
          }
          slots.add(relation(p, declared, getter));
        } else if (embedded != null) {
          if (p.annotation(Version.class) != null) {
            throw fail("property '" + path + "' is @Embedded and cannot also be @Version");
          }
          if (inCompositeId) {
            throw fail(
                "composite key part '"
                    + path
                    + "' is @Embedded; the parts of a key must be plain columns");
          }
          boolean key = p.annotation(Id.class) != null;
          if (key) {
            beginCompositeId(p, path, root);
          }
          int keyFrom = columns.size();
          Instantiator nested =
              part(p.type(), path + ".", columnPrefix + embedded.prefix(), getter, embedding);
          if (key) {
            endCompositeId(p, getter, keyFrom);
          }
          slots.add(new Instantiator.NestedSlot(nested));
        } else {
          ColumnModel column = column(p, path, columnPrefix, getter, root);
          slots.add(new Instantiator.ColumnSlot(columns.size(), p.type(), path));
          columns.add(column);
        }
        setters.add(p.setter());
      }
      int to = columns.size();
      if (root) {
        slots.replaceAll(
            slot ->
                slot instanceof Instantiator.RelationSlot r
                    ? new Instantiator.RelationSlot(to + r.index())
                    : slot);
      }
      if (partType.isRecord()) {
        return new Instantiator.RecordInstantiator(
            partType, slots, from, to, constructor(partType, true));
      }
      return new Instantiator.BeanInstantiator(
          partType, slots, from, to, constructor(partType, false), setters);
    } finally {
      embedding.pop();
    }
  }

  /** Records a relation; returns its slot (a column for owning to-one, else a relation slot). */
  private Instantiator.Slot relation(
      PropertyInfo p, RelationSupport.Declared d, Function<Object, Object> getter) {
    if (p.annotation(Id.class) != null
        || p.annotation(Version.class) != null
        || p.annotation(Column.class) != null) {
      throw fail(
          "relation '"
              + p.name()
              + "' cannot also be @Id, @Version or @Column; name its key column in the "
              + "relation annotation");
    }
    Class<?> element = RelationSupport.elementType(type, p.name(), p.type(), p.genericType(), d);
    Class<?> target = d.explicitTarget() != null ? d.explicitTarget() : element;
    String message = unloadedMessage(p.name());
    int ordinal = (int) relationDrafts.stream().filter(r -> r.foreignKey() == null).count();
    List<RelationSupport.KeyPart> keyParts =
        d.ownsKey() ? RelationSupport.compositeKeyParts(target) : List.of();
    if (!d.columns().isEmpty() && keyParts.isEmpty()) {
      throw fail(
          "relation '"
              + p.name()
              + "' names columns = "
              + d.columns()
              + ", but "
              + target.getSimpleName()
              + " has a single-column key; use column = \"...\" instead");
    }
    if (!keyParts.isEmpty()) {
      List<ColumnModel> parts = compositeForeignKey(p, d, target, keyParts, getter);
      relationDrafts.add(
          new RelationDraft(
              d.kind(), p.name(), target, element, null, parts, null, null, null, null, "", getter,
              ordinal));
      return new Instantiator.RelationSlot(ordinal);
    }
    if (d.ownsKey()) {
      String name = d.column().isEmpty() ? naming.columnName(p.name() + "Id") : d.column();
      Identifier columnName = identifier(name, "foreign-key column of relation '" + p.name() + "'");
      String other = propertyByColumn.putIfAbsent(name.toLowerCase(Locale.ROOT), p.name());
      // a to-one relation over a part of the composite key (a link table's film_id): the key part
      // writes the column, the relation only reads it
      boolean keyPart = other != null && compositeId.stream().anyMatch(c -> c.path().equals(other));
      if (other != null && !keyPart) {
        throw fail(
            "relation '"
                + p.name()
                + "' and property '"
                + other
                + "' both map to column "
                + name
                + "; a to-one relation owns its key column, so remove the plain property or rename the column");
      }
      ValueType fk;
      try {
        fk = RelationSupport.foreignKeyType(registry, target, message);
      } catch (IllegalArgumentException e) {
        throw fail(
            "relation '"
                + p.name()
                + "': "
                + e.getMessage()
                + "; the target must be an entity with an @Id");
      }
      ColumnModel column =
          new ColumnModel(
              p.name(),
              columnName,
              p.type(),
              fk,
              !keyPart,
              false,
              0,
              0,
              0,
              "",
              !keyPart,
              !keyPart,
              getter);
      int index = columns.size();
      columns.add(column);
      relationDrafts.add(
          new RelationDraft(
              d.kind(),
              p.name(),
              target,
              element,
              column,
              List.of(column),
              null,
              null,
              null,
              null,
              "",
              getter,
              ordinal));
      return new Instantiator.ColumnSlot(index, p.type(), p.name());
    }
    relationDrafts.add(
        new RelationDraft(
            d.kind(),
            p.name(),
            target,
            element,
            null,
            List.of(),
            d.mappedBy(),
            d.joinTable().isEmpty() ? null : identifier(d.joinTable(), "join table"),
            d.joinColumn().isEmpty() ? null : identifier(d.joinColumn(), "join column"),
            d.inverseJoinColumn().isEmpty()
                ? null
                : identifier(d.inverseJoinColumn(), "inverse join column"),
            d.orderBy(),
            getter,
            ordinal));
    return new Instantiator.RelationSlot(ordinal);
  }

  private String unloadedMessage(String relation) {
    return type.getSimpleName()
        + "."
        + relation
        + " was not fetched; add .fetch("
        + type.getSimpleName()
        + "_."
        + SnakeCaseNamingStrategy.snake(relation).toUpperCase(Locale.ROOT)
        + ") to the query (or a fetch path that ends in it), or load it with db.load(...)";
  }

  private List<RelationModel> relations() {
    List<RelationModel> result = new ArrayList<>();
    int inverseOrdinal = 0;
    for (RelationDraft d : relationDrafts) {
      String message = unloadedMessage(d.name());
      int slot;
      @Nullable Object unloaded;
      @Nullable Function<Object[], Object> compositeRef = null;
      if (d.foreignKey() != null) {
        slot = columns.indexOf(d.foreignKey());
        unloaded = null;
      } else if (!d.foreignKeys().isEmpty()) {
        slot = columns.size() + inverseOrdinal++;
        unloaded = null;
        compositeRef = compositeRef(d, message);
      } else {
        slot = columns.size() + inverseOrdinal++;
        boolean many =
            d.kind() == RelationModel.Kind.ONE_TO_MANY
                || d.kind() == RelationModel.Kind.MANY_TO_MANY;
        unloaded =
            many
                ? new io.r2orm.core.query.UnloadedList<>(message)
                : io.r2orm.core.query.Ref.unloaded(null, message);
      }
      result.add(
          new RelationModel(
              type,
              d.name(),
              d.kind(),
              d.target(),
              d.elementType(),
              slot,
              d.foreignKey(),
              d.foreignKeys(),
              d.mappedBy(),
              d.joinTable(),
              d.joinColumn(),
              d.inverseJoinColumn(),
              RelationSupport.parseOrder(type, d.name(), d.target(), d.orderBy()),
              unloaded,
              d.getter(),
              compositeRef));
    }
    return result;
  }

  /**
   * The columns of a to-one relation to a target with a composite key: one per part of the key,
   * named by {@code columns} or {@code <relation>_<part>}, each reading its part of the referenced
   * key. A column another property mapped first is only read here; that property writes it.
   */
  private List<ColumnModel> compositeForeignKey(
      PropertyInfo p,
      RelationSupport.Declared d,
      Class<?> target,
      List<RelationSupport.KeyPart> keyParts,
      Function<Object, Object> relationGetter) {
    if (!d.column().isEmpty()) {
      throw fail(
          "relation '"
              + p.name()
              + "' names column = \""
              + d.column()
              + "\", but "
              + target.getSimpleName()
              + " has a composite key of "
              + keyParts.size()
              + " parts "
              + keyParts.stream().map(RelationSupport.KeyPart::name).toList()
              + "; name one column per part with columns = {...}");
    }
    if (!d.columns().isEmpty() && d.columns().size() != keyParts.size()) {
      throw fail(
          "relation '"
              + p.name()
              + "' names "
              + d.columns().size()
              + " columns "
              + d.columns()
              + ", but the key of "
              + target.getSimpleName()
              + " has "
              + keyParts.size()
              + " parts "
              + keyParts.stream().map(RelationSupport.KeyPart::name).toList()
              + "; name one column per part, in the key's order");
    }
    TargetKey targetKey = new TargetKey(registry, target);
    List<ColumnModel> parts = new ArrayList<>();
    for (int i = 0; i < keyParts.size(); i++) {
      RelationSupport.KeyPart part = keyParts.get(i);
      String path = p.name() + "." + part.name();
      String name =
          d.columns().isEmpty()
              ? naming.columnName(p.name() + capitalize(part.name()))
              : d.columns().get(i);
      Identifier columnName =
          identifier(name, "foreign-key column " + (i + 1) + " of relation '" + p.name() + "'");
      String other = propertyByColumn.putIfAbsent(name.toLowerCase(Locale.ROOT), path);
      boolean shared = other != null;
      ValueType partType =
          ValueTypes.builtIn(part.type())
              .orElseThrow(
                  () ->
                      fail(
                          "relation '"
                              + p.name()
                              + "': part '"
                              + part.name()
                              + "' of the key of "
                              + target.getSimpleName()
                              + " has type "
                              + part.type().getName()
                              + ", which a foreign key cannot hold"));
      int index = i;
      Function<Object, Object> getter =
          entity -> targetKey.part(relationGetter.apply(entity), index);
      ColumnModel column =
          new ColumnModel(
              path,
              columnName,
              part.type(),
              partType,
              !shared,
              false,
              0,
              0,
              0,
              "",
              !shared,
              !shared,
              getter);
      columns.add(column);
      parts.add(column);
    }
    return parts;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** The unfetched value of a relation over several key columns, from an owner's value array. */
  private Function<Object[], Object> compositeRef(RelationDraft d, String message) {
    int[] indexes = d.foreignKeys().stream().mapToInt(columns::indexOf).toArray();
    TargetKey targetKey = new TargetKey(registry, d.target());
    return values -> {
      Object[] parts = new Object[indexes.length];
      for (int i = 0; i < indexes.length; i++) {
        parts[i] = values[indexes[i]];
        if (parts[i] == null) {
          // like a foreign key with MATCH SIMPLE: a NULL part refers to nothing
          return io.r2orm.core.query.Ref.none();
        }
      }
      return io.r2orm.core.query.Ref.unloaded(targetKey.key(parts), message);
    };
  }

  private ColumnModel column(
      PropertyInfo p,
      String path,
      String columnPrefix,
      Function<Object, Object> getter,
      boolean root) {
    Column column = p.annotation(Column.class);
    String name =
        column != null && !column.value().isEmpty()
            ? column.value()
            : columnPrefix + naming.columnName(p.name());
    Identifier columnName = identifier(name, "column of property '" + path + "'");
    String key = name.toLowerCase(Locale.ROOT);
    String other = propertyByColumn.putIfAbsent(key, path);
    if (other != null
        && inCompositeId
        && relationDrafts.stream().anyMatch(d -> d.name().equals(other))) {
      throw fail(
          "relation '"
              + other
              + "' and composite key part '"
              + path
              + "' both map to column "
              + name
              + "; declare the @Id before the relation, so that the key writes the column and the "
              + "relation reads it");
    }
    if (other != null && relationDrafts.stream().anyMatch(d -> other.startsWith(d.name() + "."))) {
      throw fail(
          "relation '"
              + other.substring(0, other.indexOf('.'))
              + "' and property '"
              + path
              + "' both map to column "
              + name
              + "; declare '"
              + path
              + "' before the relation, so that the property writes the column and the relation "
              + "reads it");
    }
    if (other != null) {
      // two parts of the same embedded type collide column by column: the fix is a prefix on one of
      // them
      // (an explicit @Column name inside a part is not prefixed, so then the fix is another name)
      boolean embedded =
          other.contains(".") && path.contains(".") && (column == null || column.value().isEmpty());
      throw fail(
          "properties '"
              + other
              + "' and '"
              + path
              + "' both map to column "
              + name
              + (embedded
                  ? "; they come from embedded parts: give one of them a prefix, e.g. @Embedded(prefix = \""
                      + path.substring(0, path.indexOf('.'))
                      + "_\") on '"
                      + path.substring(0, path.indexOf('.'))
                      + "'"
                  : "; give one of them another name with @Column(\"...\")"));
    }
    ValueType valueType = valueType(p, path);
    boolean isId = p.annotation(Id.class) != null;
    boolean isVersion = p.annotation(Version.class) != null;
    boolean nullable =
        !p.type().isPrimitive()
            && !isId
            && !isVersion
            && !inCompositeId
            && (column == null || column.nullable());
    ColumnModel model =
        new ColumnModel(
            path,
            columnName,
            p.type(),
            valueType,
            nullable,
            column != null && column.unique(),
            column == null ? 0 : column.length(),
            column == null ? 0 : column.precision(),
            column == null ? 0 : column.scale(),
            declaredType(column, p, path),
            column == null || column.insertable(),
            column == null || column.updatable(),
            getter);
    if (!model.insertable() || !model.updatable()) {
      if (isId) {
        throw fail(
            "@Id '"
                + path
                + "' is marked insertable = false or updatable = false; an id is written once, "
                + "on insert (use @Id(generation = IdGeneration.IDENTITY) for a database-drawn id)");
      }
      if (isVersion) {
        throw fail(
            "@Version '"
                + path
                + "' is marked insertable = false or updatable = false; r2orm writes the "
                + "version on every insert and update, so remove those attributes");
      }
    }
    if (isId) {
      declareId(p, path, model, root);
    }
    if (isVersion) {
      declareVersion(p, path, model, root);
    }
    return model;
  }

  /**
   * The type named with {@code @Column(type = ...)}: a plain SQL type name, checked as one (it is
   * written into SQL).
   */
  private String declaredType(Column column, PropertyInfo p, String path) {
    String type = column == null ? "" : column.type().trim();
    if (type.isEmpty()) {
      return "";
    }
    if (!type.matches("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?")) {
      throw fail(
          "@Column(type = \""
              + column.type()
              + "\") on '"
              + path
              + "' is not a plain type name; name the "
              + "database type as an identifier, optionally schema-qualified (e.g. \"mpaa_rating\" or \"public.mpaa_rating\")");
    }
    return type;
  }

  /** Starts reading a composite key: {@code @Id @Embedded} on a record of the entity itself. */
  private void beginCompositeId(PropertyInfo p, String path, boolean root) {
    requireFirstId(path, root);
    if (!p.type().isRecord()) {
      throw fail(
          "composite key '"
              + path
              + "' is a "
              + p.type().getName()
              + "; a composite key must be a record (its components are the key's columns)");
    }
    IdGeneration requested = p.annotation(Id.class).generation();
    if (requested != IdGeneration.AUTO && requested != IdGeneration.ASSIGNED) {
      throw fail(
          "composite key '"
              + path
              + "' asks for "
              + requested
              + " generation; the parts of a composite key are assigned by the application");
    }
    compositeIdType = p.type();
    inCompositeId = true;
  }

  /** Ends a composite key whose columns start at {@code from}. */
  private void endCompositeId(PropertyInfo p, Function<Object, Object> getter, int from) {
    inCompositeId = false;
    compositeId = List.copyOf(columns.subList(from, columns.size()));
    if (compositeId.isEmpty()) {
      throw fail("composite key '" + p.name() + "' has no components; give its record some");
    }
    compositeIdGetter = getter;
    for (PropertyInfo part : recordProperties(p.type())) {
      idPartGetters.add(chain(Function.identity(), part.getter(), true)::apply);
    }
    idGeneration = IdGeneration.ASSIGNED;
    idSetter = p.setter();
  }

  /** An {@code @Id} must be on the entity itself, and the only one (a single or composite key). */
  private void requireFirstId(String path, boolean root) {
    if (!root) {
      throw fail(
          "@Id on '"
              + path
              + "' inside an embedded part; the id must be a property of the entity itself");
    }
    if (id != null || compositeIdType != null) {
      throw fail(
          "both '"
              + (id != null ? id.path() : "the composite key")
              + "' and '"
              + path
              + "' are annotated with @Id; a key made of several columns is one @Id @Embedded "
              + "record, e.g. `@Id @Embedded FilmActorId id` with `record FilmActorId(long actorId,"
              + " long filmId)`");
    }
  }

  private void declareId(PropertyInfo p, String path, ColumnModel model, boolean root) {
    requireFirstId(path, root);
    Class<?> boxed = ValueTypes.box(p.type());
    boolean integer = boxed == Long.class || boxed == Integer.class;
    IdGeneration requested = p.annotation(Id.class).generation();
    IdGeneration resolved =
        switch (requested) {
          case AUTO -> integer ? IdGeneration.IDENTITY : IdGeneration.ASSIGNED;
          default -> requested;
        };
    if (resolved == IdGeneration.IDENTITY && !integer) {
      throw fail(
          "@Id '"
              + path
              + "' uses IDENTITY generation but is a "
              + p.type().getSimpleName()
              + "; identity ids must be long, int, Long or Integer (use ASSIGNED or UUID otherwise)");
    }
    if (resolved == IdGeneration.UUID && boxed != UUID.class) {
      throw fail(
          "@Id '"
              + path
              + "' uses UUID generation but is a "
              + p.type().getSimpleName()
              + "; declare it as java.util.UUID");
    }
    id = model;
    idGeneration = resolved;
    idSetter = p.setter();
  }

  private void declareVersion(PropertyInfo p, String path, ColumnModel model, boolean root) {
    Class<?> boxed = ValueTypes.box(p.type());
    if (!root) {
      throw fail(
          "@Version on '"
              + path
              + "' inside an embedded part; the version must be a property of the entity");
    }
    if (version != null) {
      throw fail(
          "both '" + version.path() + "' and '" + path + "' are annotated with @Version; keep one");
    }
    if (boxed != Long.class
        && boxed != Integer.class
        && !EntityModel.TIMESTAMP_VERSIONS.contains(boxed)) {
      throw fail(
          "@Version '"
              + path
              + "' is a "
              + p.type().getSimpleName()
              + "; a version must be int, long, Integer, "
              + "Long, Instant, OffsetDateTime or LocalDateTime");
    }
    if (p.annotation(Id.class) != null) {
      throw fail("'" + path + "' cannot be both @Id and @Version");
    }
    version = model;
    versionSetter = p.setter();
  }

  @SuppressWarnings({"rawtypes", "unchecked"})
  private ValueType valueType(PropertyInfo p, String path) {
    Convert convert = p.annotation(Convert.class);
    try {
      if (convert != null) {
        Constructor<? extends AttributeConverter> ctor = convert.value().getDeclaredConstructor();
        ctor.setAccessible(true);
        return ValueTypes.forConverter(p.type(), ctor.newInstance());
      }
      AttributeConverter<?, ?> registered = converters.get(ValueTypes.box(p.type()));
      if (registered != null) {
        return ValueTypes.forConverter(p.type(), registered);
      }
    } catch (ReflectiveOperationException e) {
      throw fail(
          "converter "
              + convert.value().getName()
              + " for '"
              + path
              + "' cannot be created; give it a public no-argument constructor",
          e);
    } catch (IllegalArgumentException e) {
      throw fail("property '" + path + "': " + e.getMessage());
    }
    Column declared = p.annotation(Column.class);
    boolean jsonColumn =
        declared != null
            && (declared.type().equalsIgnoreCase("json")
                || declared.type().equalsIgnoreCase("jsonb"));
    if (jsonColumn && ValueTypes.box(p.type()) != String.class) {
      if (jsonCodec == null) {
        throw fail(
            "property '"
                + path
                + "' of type "
                + p.type().getName()
                + " is stored in a "
                + declared.type()
                + " column, which needs a JsonCodec: register one (Database.builder(cf).jsonCodec(...); the Spring Boot "
                + "starter registers Jackson's), or map the property as String");
      }
      return ValueTypes.forJson(p.type(), p.genericType(), jsonCodec);
    }
    if (p.type().isEnum()) {
      Enumerated enumerated = p.annotation(Enumerated.class);
      return ValueTypes.forEnum(
          p.type(), enumerated != null && enumerated.value() == EnumType.ORDINAL);
    }
    Optional<ValueType> array = ValueTypes.forArray(p.type(), p.genericType());
    if (array.isPresent()) {
      return array.get();
    }
    return ValueTypes.builtIn(p.type())
        .orElseThrow(
            () ->
                fail(
                    "property '"
                        + path
                        + "' has type "
                        + p.type().getName()
                        + ", which r2orm cannot store; add @Convert with an AttributeConverter, register a "
                        + "converter for the type, mark a value object @Embedded"
                        + (type.isRecord() ? "" : ", or mark the field @Transient")
                        + " (built-in types: "
                        + ValueTypes.builtInTypeNames()
                        + ", enums, and arrays of those as List<E> or E[])"));
  }

  private List<PropertyInfo> recordProperties(Class<?> record) {
    List<PropertyInfo> result = new ArrayList<>();
    for (RecordComponent c : record.getRecordComponents()) {
      Field field = field(record, c.getName());
      if (field != null && field.isAnnotationPresent(Transient.class)) {
        throw fail(
            "record component '"
                + c.getName()
                + "' is @Transient, but a record's constructor needs "
                + "every component; remove the component or turn the entity into a class");
      }
      Method accessor = c.getAccessor();
      accessor.setAccessible(true);
      try {
        MethodHandle getter = MethodHandles.lookup().unreflect(accessor);
        result.add(new PropertyInfo(c.getName(), c.getType(), c.getGenericType(), c, getter, null));
      } catch (IllegalAccessException e) {
        throw fail("record component '" + c.getName() + "' cannot be read", e);
      }
    }
    return result;
  }

  private List<PropertyInfo> classProperties(Class<?> clazz) {
    List<Class<?>> hierarchy = new ArrayList<>();
    for (Class<?> c = clazz; c != null && c != Object.class; c = c.getSuperclass()) {
      hierarchy.add(0, c);
    }
    List<PropertyInfo> result = new ArrayList<>();
    for (Class<?> c : hierarchy) {
      for (Field f : c.getDeclaredFields()) {
        int mod = f.getModifiers();
        if (Modifier.isStatic(mod)
            || Modifier.isTransient(mod)
            || f.isSynthetic()
            || f.isAnnotationPresent(Transient.class)) {
          continue;
        }
        if (Modifier.isFinal(mod)) {
          throw fail(
              "field '"
                  + f.getName()
                  + "' is final, so r2orm cannot set it after construction; "
                  + "make it non-final, mark it @Transient, or make the entity a record");
        }
        try {
          f.setAccessible(true);
          MethodHandles.Lookup lookup = MethodHandles.lookup();
          result.add(
              new PropertyInfo(
                  f.getName(),
                  f.getType(),
                  f.getGenericType(),
                  f,
                  lookup.unreflectGetter(f),
                  lookup.unreflectSetter(f)));
        } catch (IllegalAccessException | RuntimeException e) {
          throw fail("field '" + f.getName() + "' cannot be accessed (" + e.getMessage() + ")", e);
        }
      }
    }
    if (result.isEmpty()) {
      throw fail("it has no mapped fields");
    }
    return result;
  }

  private ConstructorCall<?> constructor(Class<?> part, boolean record) {
    try {
      return record ? ConstructorCall.canonical(part) : ConstructorCall.noArgument(part);
    } catch (IllegalArgumentException e) {
      throw fail(String.valueOf(e.getMessage()), e);
    }
  }

  private static @Nullable Field field(Class<?> c, String name) {
    try {
      return c.getDeclaredField(name);
    } catch (NoSuchFieldException e) {
      return null;
    }
  }

  private static Function<Object, Object> chain(
      Function<Object, Object> parent, MethodHandle accessor, boolean root) {
    MethodHandle h = accessor.asType(GETTER);
    Function<Object, Object> own =
        instance -> {
          try {
            return (Object) h.invokeExact(instance);
          } catch (RuntimeException | Error e) {
            throw e;
          } catch (Throwable e) {
            throw new IllegalStateException(e);
          }
        };
    if (root) {
      return own;
    }
    return instance -> {
      Object owner = parent.apply(instance);
      return owner == null ? null : own.apply(owner);
    };
  }

  private Identifier identifier(String name, String what) {
    try {
      return Identifier.of(name);
    } catch (IllegalArgumentException e) {
      throw fail("invalid " + what + " name: " + e.getMessage());
    }
  }

  private EntityDefinitionException fail(String message) {
    return new EntityDefinitionException(type, message);
  }

  private EntityDefinitionException fail(String message, Throwable cause) {
    return new EntityDefinitionException(type, message, cause);
  }
}
