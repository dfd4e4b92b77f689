package io.r2orm.core.metadata;

import io.r2orm.core.sql.Identifier;
import java.util.List;
import java.util.Objects;

/**
 * An index declared with {@link io.r2orm.core.annotation.Index}, resolved to columns.
 *
 * @param name the index name
 * @param columns the indexed columns, in order
 * @param unique whether the index is unique
 */
public record IndexModel(Identifier name, List<ColumnModel> columns, boolean unique) {
  public IndexModel {
    Objects.requireNonNull(name, "name must not be null");
    columns = List.copyOf(columns);
  }
}
