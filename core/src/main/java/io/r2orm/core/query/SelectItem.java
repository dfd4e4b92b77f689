package io.r2orm.core.query;

import java.util.Objects;

/**
 * One entry of a query's select list: a value or a whole entity. Sealed so that a renderer handles
 * both.
 */
public sealed interface SelectItem permits SelectItem.Column, SelectItem.Entity {

  /**
   * One value, read as {@code type}.
   *
   * @param expression what is selected
   * @param type the Java type it is read as
   */
  record Column(Expression expression, Class<?> type) implements SelectItem {
    public Column {
      Objects.requireNonNull(expression, "expression must not be null");
      Objects.requireNonNull(type, "type must not be null");
    }
  }

  /**
   * Every column of a table of the query, mapped to its entity.
   *
   * @param table the table
   */
  record Entity(TableRef<?> table) implements SelectItem {
    public Entity {
      Objects.requireNonNull(table, "table must not be null");
    }
  }
}
