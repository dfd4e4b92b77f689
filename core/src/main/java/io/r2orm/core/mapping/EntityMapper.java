package io.r2orm.core.mapping;

import io.r2orm.core.convert.ValueType;
import io.r2orm.core.exception.MappingException;
import io.r2orm.core.metadata.ColumnModel;
import io.r2orm.core.metadata.EntityModel;
import java.util.List;

/**
 * Turns rows whose columns are the entity's columns in model order (as {@code select} renders
 * them) into entity instances. Compiled once per entity: per row it does one indexed read and one
 * conversion per column and one constructor call; no name look-ups, no reflection. Thread-safe.
 *
 * @param <T> the entity type
 */
public final class EntityMapper<T> {
  private final EntityModel<T> model;
  private final Class<?>[] readTypes;
  private final ValueType[] valueTypes;
  private final List<ColumnModel> columns;

  public EntityMapper(EntityModel<T> model) {
    this.model = model;
    this.columns = model.columns();
    this.readTypes = columns.stream().map(ColumnModel::databaseType).toArray(Class<?>[]::new);
    this.valueTypes = columns.stream().map(ColumnModel::valueType).toArray(ValueType[]::new);
  }

  /** The model this mapper builds. */
  public EntityModel<T> model() {
    return model;
  }

  /** Builds the entity from the current row. */
  public T map(ColumnReader row) {
    Object[] values = new Object[readTypes.length];
    for (int i = 0; i < values.length; i++) {
      Object raw;
      try {
        raw = row.get(i, readTypes[i]);
      } catch (RuntimeException e) {
        throw failure(i, "cannot be read as " + readTypes[i].getSimpleName(), e);
      }
      try {
        values[i] = valueTypes[i].read(raw);
      } catch (RuntimeException e) {
        throw failure(i, "holds a value that cannot be converted (" + e.getMessage() + ")", e);
      }
    }
    return model.instantiate(values);
  }

  private MappingException failure(int index, String what, RuntimeException cause) {
    ColumnModel c = columns.get(index);
    return new MappingException("Column " + c.name() + " for " + model.type().getSimpleName() + "." + c.path()
        + " " + what + "; check the column's type against the property's type " + c.propertyType().getSimpleName(),
        cause);
  }
}
