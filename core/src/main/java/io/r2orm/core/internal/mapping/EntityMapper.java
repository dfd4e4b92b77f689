package io.r2orm.core.internal.mapping;

import io.r2orm.core.convert.ValueType;
import io.r2orm.core.exception.MappingException;
import io.r2orm.core.metadata.ColumnModel;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.metadata.RelationModel;
import io.r2orm.core.query.Ref;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * Turns rows whose columns are the entity's columns in model order (as {@code select} renders them)
 * into entity instances. Compiled once per entity: per row it does one indexed read and one
 * conversion per column and one constructor call; no name look-ups, no reflection. Thread-safe.
 *
 * @param <T> the entity type
 */
public final class EntityMapper<T> {
  private final EntityModel<T> model;
  private final Class<?>[] readTypes;
  private final ValueType[] valueTypes;
  private final List<ColumnModel> columns;
  private final Object[] nullValues;
  private final int[] relationSlots;
  private final Object[] unloaded;
  private final int[] compositeSlots;
  private final List<Function<Object[], Object>> compositeRefs;

  public EntityMapper(EntityModel<T> model) {
    this.model = model;
    this.columns = model.columns();
    this.readTypes = columns.stream().map(c -> c.valueType().readType()).toArray(Class<?>[]::new);
    this.valueTypes = columns.stream().map(ColumnModel::valueType).toArray(ValueType[]::new);
    this.nullValues =
        columns.stream().map(c -> c.propertyType() == Ref.class ? Ref.none() : null).toArray();
    List<RelationModel> inverse = model.relations().stream().filter(r -> !r.ownsKey()).toList();
    this.relationSlots = inverse.stream().mapToInt(RelationModel::slot).toArray();
    this.unloaded = inverse.stream().map(RelationModel::unloaded).toArray();
    List<RelationModel> composite =
        model.relations().stream().filter(r -> r.compositeRef() != null).toList();
    this.compositeSlots = composite.stream().mapToInt(RelationModel::slot).toArray();
    this.compositeRefs =
        composite.stream()
            .<Function<Object[], Object>>map(r -> Objects.requireNonNull(r.compositeRef()))
            .toList();
  }

  /** The model this mapper builds. */
  public EntityModel<T> model() {
    return model;
  }

  /** Builds the entity from the current row. */
  public T map(ColumnReader row) {
    return model.instantiate(values(row, 0));
  }

  /**
   * The entity's value array (see {@link EntityModel#values}) from the row's columns starting at
   * {@code offset}, with unfetched relations holding values that throw on read. The loader fills
   * fetched relations in before instantiating.
   */
  public Object[] values(ColumnReader row, int offset) {
    Object[] values = new Object[model.valueCount()];
    for (int i = 0; i < readTypes.length; i++) {
      Object raw;
      try {
        raw = row.get(offset + i, readTypes[i]);
      } catch (RuntimeException e) {
        throw failure(i, "cannot be read as " + readTypes[i].getSimpleName(), e);
      }
      try {
        values[i] = raw == null ? nullValues[i] : valueTypes[i].read(raw);
      } catch (RuntimeException e) {
        throw failure(i, "holds a value that cannot be converted (" + e.getMessage() + ")", e);
      }
    }
    for (int r = 0; r < relationSlots.length; r++) {
      values[relationSlots[r]] = unloaded[r];
    }
    for (int r = 0; r < compositeSlots.length; r++) {
      values[compositeSlots[r]] = compositeRefs.get(r).apply(values);
    }
    return values;
  }

  /** The number of columns one entity takes in a row. */
  public int width() {
    return readTypes.length;
  }

  private MappingException failure(int index, String what, RuntimeException cause) {
    ColumnModel c = columns.get(index);
    return new MappingException(
        "Column "
            + c.name()
            + " for "
            + model.type().getSimpleName()
            + "."
            + c.path()
            + " "
            + what
            + "; check the column's type against the property's type "
            + c.propertyType().getSimpleName(),
        cause);
  }
}
