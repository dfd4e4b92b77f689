package io.r2orm.core.internal.mapping;

/**
 * Reads one value of the current row by column position. The adapter implements it over an R2DBC
 * {@code Row}; tests implement it over an array. Only valid while the row is being mapped.
 */
@FunctionalInterface
public interface ColumnReader {
  /** The value at a 0-based column index as the given driver-level type, or null for NULL. */
  <T> T get(int index, Class<T> type);
}
