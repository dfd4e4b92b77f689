package io.r2orm.core.internal.render;

import io.r2orm.core.metadata.ColumnModel;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.sql.SqlStatement;
import java.util.List;
import java.util.Objects;

/**
 * A rendered {@link io.r2orm.core.query.Subquery}: its statement, and for each selected item what
 * the result columns hold, so that rows can be read back into fields and entities.
 *
 * @param statement the SQL and binds
 * @param outputs one entry per selected item, in order
 */
public record RenderedQuery(SqlStatement statement, List<Output> outputs) {
  public RenderedQuery {
    Objects.requireNonNull(statement, "statement must not be null");
    outputs = List.copyOf(outputs);
  }

  /**
   * What one selected item occupies in the result.
   *
   * @param type the Java type a value is read as (the entity class for an entity)
   * @param column the column whose stored form the value has (a property, MIN/MAX/COALESCE of one),
   *     read through its converter; null for other computed values
   * @param entity the entity model for a selected table, else null
   * @param width how many result columns the item takes
   */
  public record Output(Class<?> type, ColumnModel column, EntityModel<?> entity, int width) {}
}
