package io.r2orm.core.convert;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The built-in Java types and how each is stored. Every type here round-trips on PostgreSQL and H2.
 * The driver-level types are chosen so that no driver needs numeric widening on read (H2 has none):
 * {@code byte} travels as {@code Short}, {@code char} as a one-character {@code String}, {@code
 * Instant} as a UTC {@code OffsetDateTime}.
 */
public final class ValueTypes {

  private static final Map<Class<?>, ValueType> BUILT_IN =
      Map.ofEntries(
          entry(ValueType.identity(String.class, SqlType.TEXT)),
          entry(ValueType.identity(Boolean.class, SqlType.BOOLEAN)),
          entry(ValueType.identity(Short.class, SqlType.SMALLINT)),
          entry(ValueType.identity(Integer.class, SqlType.INTEGER)),
          entry(ValueType.identity(Long.class, SqlType.BIGINT)),
          entry(ValueType.identity(Float.class, SqlType.REAL)),
          entry(ValueType.identity(Double.class, SqlType.DOUBLE)),
          entry(ValueType.identity(BigDecimal.class, SqlType.DECIMAL)),
          entry(ValueType.identity(UUID.class, SqlType.UUID)),
          entry(ValueType.identity(LocalDate.class, SqlType.DATE)),
          entry(ValueType.identity(LocalTime.class, SqlType.TIME)),
          entry(ValueType.identity(LocalDateTime.class, SqlType.TIMESTAMP)),
          entry(ValueType.identity(OffsetDateTime.class, SqlType.TIMESTAMP_WITH_TIME_ZONE)),
          entry(ValueType.identity(byte[].class, SqlType.BINARY)),
          entry(
              new ValueType(
                  Byte.class,
                  Short.class,
                  SqlType.SMALLINT,
                  v -> (short) (byte) v,
                  v -> ((Short) v).byteValue())),
          entry(
              new ValueType(
                  Character.class,
                  String.class,
                  SqlType.CHAR,
                  v -> String.valueOf((char) v),
                  ValueTypes::singleChar)),
          entry(
              new ValueType(
                  Instant.class,
                  OffsetDateTime.class,
                  SqlType.TIMESTAMP_WITH_TIME_ZONE,
                  v -> ((Instant) v).atOffset(ZoneOffset.UTC),
                  v -> ((OffsetDateTime) v).toInstant())));

  private ValueTypes() {}

  private static Map.Entry<Class<?>, ValueType> entry(ValueType type) {
    return Map.entry(type.javaType(), type);
  }

  private static Object singleChar(Object value) {
    String s = (String) value;
    if (s.length() != 1) {
      throw new IllegalArgumentException(
          "expected one character but the column holds \"" + s + "\"");
    }
    return s.charAt(0);
  }

  /** The built-in mapping for a Java type (primitives are boxed first), if there is one. */
  public static Optional<ValueType> builtIn(Class<?> type) {
    Objects.requireNonNull(type, "type must not be null");
    return Optional.ofNullable(BUILT_IN.get(box(type)));
  }

  /** The mapping of an enum stored by name or by ordinal. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static ValueType forEnum(Class<?> enumType, boolean ordinal) {
    Object[] constants = enumType.getEnumConstants();
    if (ordinal) {
      return new ValueType(
          enumType,
          Integer.class,
          SqlType.INTEGER,
          v -> ((Enum<?>) v).ordinal(),
          v -> {
            int i = (Integer) v;
            if (i < 0 || i >= constants.length) {
              throw new IllegalArgumentException(
                  "no constant of " + enumType.getName() + " has ordinal " + i);
            }
            return constants[i];
          });
    }
    Class<? extends Enum> type = (Class<? extends Enum>) enumType;
    return new ValueType(
        enumType,
        String.class,
        SqlType.TEXT,
        v -> ((Enum<?>) v).name(),
        v -> Enum.valueOf(type, (String) v));
  }

  /**
   * The mapping of an array property, if {@code type} is one: {@code List<E>} or {@code E[]}
   * (primitive arrays included, {@code byte[]} excepted: that is binary data) whose elements are a
   * built-in type or an enum (stored by name). Stored as a database array of the elements' database
   * type; read back as an unmodifiable list (which may hold nulls) or an array.
   */
  public static Optional<ValueType> forArray(Class<?> type, java.lang.reflect.Type generic) {
    Class<?> elementClass;
    if (type.isArray() && type != byte[].class) {
      elementClass = type.getComponentType();
    } else if (type == java.util.List.class
        && generic instanceof java.lang.reflect.ParameterizedType p
        && p.getActualTypeArguments()[0] instanceof Class<?> c) {
      elementClass = c;
    } else {
      return Optional.empty();
    }
    if (elementClass.isArray()) {
      return Optional.empty();
    }
    Optional<ValueType> element =
        elementClass.isEnum() ? Optional.of(forEnum(elementClass, false)) : builtIn(elementClass);
    return element.map(e -> array(type, elementClass, e));
  }

  private static ValueType array(Class<?> type, Class<?> elementClass, ValueType element) {
    Class<?> stored = java.lang.reflect.Array.newInstance(element.databaseType(), 0).getClass();
    boolean list = type == java.util.List.class;
    Function<Object, Object> toDatabase =
        value -> {
          Object[] in = list ? ((java.util.List<?>) value).toArray() : boxedElements(value);
          Object[] out =
              (Object[]) java.lang.reflect.Array.newInstance(element.databaseType(), in.length);
          for (int i = 0; i < in.length; i++) {
            out[i] = element.write(in[i]);
          }
          return out;
        };
    Function<Object, Object> fromDatabase =
        value -> {
          Object[] in = boxedElements(value);
          if (list) {
            Object[] out = new Object[in.length];
            for (int i = 0; i < in.length; i++) {
              out[i] = element.read(in[i]);
            }
            return java.util.Collections.unmodifiableList(java.util.Arrays.asList(out));
          }
          Object out = java.lang.reflect.Array.newInstance(elementClass, in.length);
          for (int i = 0; i < in.length; i++) {
            Object v = element.read(in[i]);
            if (v == null && elementClass.isPrimitive()) {
              throw new IllegalArgumentException(
                  "element "
                      + i
                      + " of the array is NULL, which "
                      + type.getSimpleName()
                      + " cannot hold; use "
                      + box(elementClass).getSimpleName()
                      + "[] or List<"
                      + box(elementClass).getSimpleName()
                      + ">");
            }
            java.lang.reflect.Array.set(out, i, v);
          }
          return out;
        };
    return new ValueType(type, stored, element.sqlType(), toDatabase, fromDatabase, element);
  }

  /** The elements of any array, primitive ones boxed. */
  private static Object[] boxedElements(Object array) {
    if (array instanceof Object[] objects) {
      return objects;
    }
    int n = java.lang.reflect.Array.getLength(array);
    Object[] out = new Object[n];
    for (int i = 0; i < n; i++) {
      out[i] = java.lang.reflect.Array.get(array, i);
    }
    return out;
  }

  /** A value of any type stored as the JSON text the codec writes and read back through it. */
  public static ValueType forJson(
      Class<?> javaType, java.lang.reflect.Type generic, JsonCodec codec) {
    return new ValueType(
        box(javaType),
        String.class,
        SqlType.TEXT,
        codec::write,
        text -> codec.read((String) text, generic));
  }

  /** The mapping through a user converter, stored as the converter's database type. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public static ValueType forConverter(Class<?> javaType, AttributeConverter converter) {
    Class<?> dbType = converter.databaseType();
    ValueType storage =
        builtIn(dbType)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "converter "
                            + converter.getClass().getName()
                            + " declares database type "
                            + dbType.getName()
                            + ", which is not a built-in type; use one of "
                            + builtInTypeNames()));
    return new ValueType(
        box(javaType),
        storage.databaseType(),
        storage.sqlType(),
        v -> storage.write(converter.toDatabase(v)),
        v -> converter.fromDatabase(Objects.requireNonNull(storage.read(v))));
  }

  /** The names of the built-in types, for error messages. */
  public static String builtInTypeNames() {
    return BUILT_IN.keySet().stream().map(Class::getSimpleName).sorted().toList().toString();
  }

  /** The box of a primitive type, or the type itself. */
  public static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    if (type == int.class) return Integer.class;
    if (type == long.class) return Long.class;
    if (type == boolean.class) return Boolean.class;
    if (type == double.class) return Double.class;
    if (type == float.class) return Float.class;
    if (type == short.class) return Short.class;
    if (type == byte.class) return Byte.class;
    if (type == char.class) return Character.class;
    throw new IllegalArgumentException("void has no box");
  }

  /** The default value of a primitive type (what a constructor gets for NULL), else null. */
  public static @Nullable Object primitiveDefault(Class<?> type) {
    if (!type.isPrimitive()) return null;
    if (type == boolean.class) return false;
    if (type == char.class) return '\0';
    if (type == long.class) return 0L;
    if (type == int.class) return 0;
    if (type == short.class) return (short) 0;
    if (type == byte.class) return (byte) 0;
    if (type == double.class) return 0d;
    if (type == float.class) return 0f;
    return null;
  }
}
