package io.r2orm.core.internal.mapping;

/**
 * A fake row over an array. Like a driver asked for a type it cannot produce, it fails when the
 * mapper asks for another type than the value has, so tests also check the requested types.
 */
public final class ArrayRow implements ColumnReader {
  private final Object[] values;

  private ArrayRow(Object[] values) {
    this.values = values;
  }

  public static ArrayRow of(Object... values) {
    return new ArrayRow(values);
  }

  @Override
  public <T> T get(int index, Class<T> type) {
    return type.cast(values[index]);
  }
}
