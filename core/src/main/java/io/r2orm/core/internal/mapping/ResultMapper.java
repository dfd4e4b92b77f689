package io.r2orm.core.internal.mapping;

import io.r2orm.core.convert.ValueType;
import io.r2orm.core.convert.ValueTypes;
import io.r2orm.core.exception.MappingException;
import io.r2orm.core.internal.reflect.ConstructorCall;
import io.r2orm.core.metadata.ColumnModel;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.metadata.EntityModels;
import io.r2orm.core.metadata.RelationModel;
import io.r2orm.core.query.Ref;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Maps rows of hand-written SQL by column name, planned once per result shape (the list of column
 * names): into an entity (its columns by name; relations unfetched), into any record (components by
 * the naming strategy's column names, e.g. {@code bookCount} from {@code book_count}), or into one
 * value of a built-in type from the first column. Thread-safe.
 *
 * @param <T> the result type
 */
public final class ResultMapper<T> {
  private final Function<ColumnReader, T> plan;

  private ResultMapper(Function<ColumnReader, T> plan) {
    this.plan = plan;
  }

  /** Builds the entity, record or value from the current row. */
  public T map(ColumnReader row) {
    return plan.apply(row);
  }

  /**
   * The mapper for rows with these column names (as the driver reports them; matched ignoring
   * case).
   *
   * @throws MappingException naming the missing columns when the result lacks one the type needs
   */
  public static <T> ResultMapper<T> plan(
      Class<T> type, List<String> columnNames, EntityModels models) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < columnNames.size(); i++) {
      index.putIfAbsent(columnNames.get(i).toLowerCase(Locale.ROOT), i);
    }
    if (type.isAnnotationPresent(io.r2orm.core.annotation.Table.class)) {
      return entity(models.of(type), index, columnNames);
    }
    if (type.isRecord()) {
      return record(type, index, columnNames, models);
    }
    ValueType value =
        valueType(type)
            .orElseThrow(
                () ->
                    new MappingException(
                        "Cannot map a row to "
                            + type.getName()
                            + ": it is neither an entity, a record, nor a built-in type"));
    return new ResultMapper<>(row -> type.cast(value.read(read(row, 0, value.readType()))));
  }

  /**
   * Reads a column; numbers are read as the driver's natural type and converted, because an
   * aggregate's type varies by database (COUNT is bigint, SUM of int is bigint on PostgreSQL and H2
   * will not convert between number types on read).
   */
  private static Object read(ColumnReader row, int index, Class<?> type) {
    if (!Number.class.isAssignableFrom(type)) {
      return row.get(index, type);
    }
    Object raw = row.get(index, Object.class);
    if (raw == null || type.isInstance(raw)) {
      return raw;
    }
    if (!(raw instanceof Number n)) {
      throw new MappingException(
          "column " + index + " holds " + raw.getClass().getName() + ", not a number");
    }
    java.math.BigDecimal d =
        n instanceof java.math.BigDecimal b ? b : new java.math.BigDecimal(n.toString());
    if (type == Long.class) return d.longValueExact();
    if (type == Integer.class) return d.intValueExact();
    if (type == Short.class) return d.shortValueExact();
    if (type == java.math.BigDecimal.class) return d;
    if (type == Double.class) return d.doubleValue();
    if (type == Float.class) return d.floatValue();
    return raw;
  }

  private static java.util.Optional<ValueType> valueType(Class<?> type) {
    if (type.isEnum()) return java.util.Optional.of(ValueTypes.forEnum(type, false));
    return ValueTypes.builtIn(type);
  }

  private static <T> ResultMapper<T> entity(
      EntityModel<T> model, Map<String, Integer> index, List<String> names) {
    List<ColumnModel> columns = model.columns();
    int[] positions = new int[columns.size()];
    for (int i = 0; i < positions.length; i++) {
      Integer p = index.get(columns.get(i).name().name().toLowerCase(Locale.ROOT));
      if (p == null) {
        throw new MappingException(
            "Column "
                + columns.get(i).name()
                + " for "
                + model.type().getSimpleName()
                + "."
                + columns.get(i).path()
                + " is not in the result, whose columns are "
                + names
                + "; select every column of the entity or map into a record");
      }
      positions[i] = p;
    }
    List<RelationModel> inverse = model.relations().stream().filter(r -> !r.ownsKey()).toList();
    return new ResultMapper<>(
        row -> {
          Object[] values = new Object[model.valueCount()];
          for (int i = 0; i < positions.length; i++) {
            ColumnModel c = columns.get(i);
            Object raw = row.get(positions[i], c.valueType().readType());
            values[i] =
                raw == null
                    ? (c.propertyType() == Ref.class ? Ref.none() : null)
                    : c.valueType().read(raw);
          }
          for (RelationModel r : inverse) {
            values[r.slot()] = r.unloaded();
          }
          return model.instantiate(values);
        });
  }

  private static <T> ResultMapper<T> record(
      Class<T> type, Map<String, Integer> index, List<String> names, EntityModels models) {
    RecordComponent[] components = type.getRecordComponents();
    int[] positions = new int[components.length];
    ValueType[] types = new ValueType[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent c = components[i];
      String column = models.namingStrategy().columnName(c.getName()).toLowerCase(Locale.ROOT);
      Integer p = index.getOrDefault(column, index.get(c.getName().toLowerCase(Locale.ROOT)));
      if (p == null) {
        throw new MappingException(
            "No column "
                + column
                + " (or "
                + c.getName()
                + ") for "
                + type.getSimpleName()
                + "."
                + c.getName()
                + " in the result, whose columns are "
                + names
                + "; alias the column in the SQL");
      }
      positions[i] = p;
      types[i] =
          valueType(c.getType())
              .orElseThrow(
                  () ->
                      new MappingException(
                          type.getSimpleName()
                              + "."
                              + c.getName()
                              + " has type "
                              + c.getType().getName()
                              + ", which r2orm cannot read from a column"));
    }
    ConstructorCall<T> constructor;
    try {
      constructor = ConstructorCall.canonical(type);
    } catch (IllegalArgumentException e) {
      throw new MappingException(
          "Cannot map a row to " + type.getName() + ": " + e.getMessage(), e);
    }
    java.util.function.IntFunction<MappingException> nullPrimitive =
        i ->
            new MappingException(
                "Column "
                    + names.get(positions[i])
                    + " is NULL but "
                    + type.getSimpleName()
                    + "."
                    + components[i].getName()
                    + " is primitive; use a boxed type or COALESCE in the SQL");
    return new ResultMapper<>(
        row -> {
          Object[] args = new Object[positions.length];
          for (int i = 0; i < args.length; i++) {
            Object raw = read(row, positions[i], types[i].readType());
            args[i] = types[i].read(raw);
          }
          return constructor.call(args, nullPrimitive);
        });
  }
}
