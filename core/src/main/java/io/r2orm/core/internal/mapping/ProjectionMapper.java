package io.r2orm.core.internal.mapping;

import io.r2orm.core.convert.ValueType;
import io.r2orm.core.convert.ValueTypes;
import io.r2orm.core.exception.MappingException;
import io.r2orm.core.internal.reflect.ConstructorCall;
import io.r2orm.core.internal.render.RenderedQuery;
import io.r2orm.core.metadata.ColumnModel;
import io.r2orm.core.metadata.EntityModel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads the rows of a rendered {@link io.r2orm.core.query.Subquery} into one value per selected
 * item (a field's value or a whole entity), and builds records or DTOs from them by constructor.
 * Planned once per query; thread-safe.
 */
public final class ProjectionMapper {
  private final List<RenderedQuery.Output> outputs;
  private final Reader[] readers;

  private interface Reader {
    Object read(ColumnReader row, int offset);
  }

  private ProjectionMapper(List<RenderedQuery.Output> outputs) {
    this.outputs = List.copyOf(outputs);
    this.readers = new Reader[outputs.size()];
    for (int i = 0; i < readers.length; i++) {
      readers[i] = reader(outputs.get(i), i);
    }
  }

  /** The mapper for a rendered query's outputs. */
  public static ProjectionMapper of(RenderedQuery query) {
    return new ProjectionMapper(query.outputs());
  }

  /** The Java types of the selected items, in order. */
  public List<Class<?>> types() {
    return outputs.stream().<Class<?>>map(RenderedQuery.Output::type).toList();
  }

  /**
   * One value per selected item from the current row; an entity of an outer join with no row is
   * null.
   */
  public Object[] read(ColumnReader row) {
    Object[] values = new Object[readers.length];
    int offset = 0;
    for (int i = 0; i < readers.length; i++) {
      values[i] = readers[i].read(row, offset);
      offset += outputs.get(i).width();
    }
    return values;
  }

  private static Reader reader(RenderedQuery.Output out, int item) {
    if (out.entity() != null) {
      return entityReader(out.entity());
    }
    Class<?> type = ValueTypes.box(out.type());
    ColumnModel column = out.column();
    if (column != null) {
      ValueType valueType = column.valueType();
      Class<?> read = valueType.readType();
      // a to-one relation's key column selected as its id type (Track_.ALBUM_ID): the key, not a
      // Ref
      boolean key =
          column.propertyType() == io.r2orm.core.query.Ref.class
              && type != io.r2orm.core.query.Ref.class;
      return (row, offset) -> {
        Object raw = readColumn(row, offset, read);
        return raw == null ? null : coerce(key ? raw : valueType.read(raw), type, item);
      };
    }
    Optional<ValueType> builtIn =
        type.isEnum() ? Optional.of(ValueTypes.forEnum(type, false)) : ValueTypes.builtIn(type);
    return (row, offset) -> {
      Object raw = row.get(offset, Object.class);
      if (raw == null) {
        return null;
      }
      if (builtIn.isPresent() && !type.isInstance(raw)) {
        ValueType vt = builtIn.get();
        Object db = coerce(raw, vt.databaseType(), item);
        return coerce(vt.read(db), type, item);
      }
      return coerce(raw, type, item);
    };
  }

  private static Object readColumn(ColumnReader row, int offset, Class<?> type) {
    if (!Number.class.isAssignableFrom(type)) {
      return row.get(offset, type);
    }
    return row.get(offset, Object.class);
  }

  private static <T> Reader entityReader(EntityModel<T> model) {
    EntityMapper<T> mapper = new EntityMapper<>(model);
    int idIndex =
        model.indexOf(model.idColumns().get(0)); // a key column is NULL only without a row
    return (row, offset) -> {
      if (row.get(offset + idIndex, Object.class) == null) {
        return null;
      }
      return model.instantiate(mapper.values(row, offset));
    };
  }

  /**
   * Converts a value read from the database to the Java type asked for: numbers without loss,
   * timestamps between their Java forms.
   */
  static Object coerce(Object value, Class<?> type, int item) {
    if (value == null || type.isInstance(value) || type == Object.class) {
      return value;
    }
    if (value instanceof Number n && Number.class.isAssignableFrom(type)) {
      BigDecimal d =
          n instanceof BigDecimal b
              ? b
              : n instanceof BigInteger i
                  ? new BigDecimal(i)
                  : (n instanceof Double || n instanceof Float)
                      ? BigDecimal.valueOf(n.doubleValue())
                      : BigDecimal.valueOf(n.longValue());
      try {
        if (type == Long.class) return d.longValueExact();
        if (type == Integer.class) return d.intValueExact();
        if (type == Short.class) return d.shortValueExact();
        if (type == Byte.class) return d.byteValueExact();
        if (type == BigDecimal.class) return d;
        if (type == BigInteger.class) return d.toBigIntegerExact();
        if (type == Double.class) return d.doubleValue();
        if (type == Float.class) return d.floatValue();
      } catch (ArithmeticException e) {
        throw new MappingException(
            "Selected item "
                + (item + 1)
                + " is "
                + value
                + ", which does not fit "
                + type.getSimpleName()
                + "; read it as a wider type (e.g. sum(f).as(Long.class) or BigDecimal)",
            e);
      }
    }
    if (value instanceof OffsetDateTime o) {
      if (type == Instant.class) return o.toInstant();
      if (type == LocalDateTime.class) return o.toLocalDateTime();
    }
    if (value instanceof LocalDateTime l) {
      if (type == OffsetDateTime.class) return l.atOffset(ZoneOffset.UTC);
      if (type == Instant.class) return l.toInstant(ZoneOffset.UTC);
    }
    if (value instanceof java.time.ZonedDateTime z) {
      if (type == OffsetDateTime.class) return z.toOffsetDateTime();
      if (type == Instant.class) return z.toInstant();
    }
    if (type == String.class && (value instanceof CharSequence || value instanceof Character)) {
      return value.toString();
    }
    if (type == Boolean.class && value instanceof Number n) {
      return n.intValue() != 0;
    }
    throw new MappingException(
        "Selected item "
            + (item + 1)
            + " holds a "
            + value.getClass().getName()
            + ", which cannot be read as "
            + type.getName()
            + "; select it with the matching type or cast it");
  }

  /**
   * A function building {@code type} from the item values by constructor: the record's canonical
   * constructor, or the class's only public constructor taking one argument per item. Checked now,
   * not on the first row.
   *
   * @throws MappingException naming the type and the mismatch
   */
  public <R> Function<Object[], R> constructor(Class<R> type) {
    List<Class<?>> types = types();
    ConstructorCall<R> constructor;
    try {
      constructor = ConstructorCall.ofArity(type, types.size());
    } catch (IllegalArgumentException e) {
      throw new MappingException(
          "Cannot build "
              + type.getName()
              + " from the "
              + types.size()
              + " selected items "
              + types.stream().map(Class::getSimpleName).toList()
              + ": "
              + e.getMessage(),
          e);
    }
    Class<?>[] params = constructor.parameterTypes();
    for (int i = 0; i < params.length; i++) {
      Class<?> want = ValueTypes.box(params[i]);
      Class<?> have = ValueTypes.box(types.get(i));
      boolean numbers = Number.class.isAssignableFrom(want) && Number.class.isAssignableFrom(have);
      if (!want.isAssignableFrom(have) && !numbers) {
        throw new MappingException(
            "Cannot build "
                + type.getName()
                + ": parameter "
                + (i + 1)
                + " is "
                + params[i].getSimpleName()
                + " but selected item "
                + (i + 1)
                + " is "
                + types.get(i).getSimpleName()
                + "; reorder the selected fields or change the constructor");
      }
    }
    Class<?>[] boxed =
        java.util.Arrays.stream(params).map(ValueTypes::box).toArray(Class<?>[]::new);
    java.util.function.IntFunction<MappingException> nullPrimitive =
        i ->
            new MappingException(
                "Selected item "
                    + (i + 1)
                    + " is NULL but parameter "
                    + (i + 1)
                    + " of "
                    + type.getSimpleName()
                    + " is a primitive "
                    + params[i].getSimpleName()
                    + "; use a boxed type or coalesce(...)");
    return values -> {
      Object[] args = new Object[params.length];
      for (int i = 0; i < args.length; i++) {
        args[i] = coerce(values[i], boxed[i], i);
      }
      return constructor.call(args, nullPrimitive);
    };
  }
}
