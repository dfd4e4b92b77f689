package io.r2orm.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * An entity class cannot be mapped: no id, two properties on one column, an unsupported type
 * without a converter, a record component that cannot be matched. Raised when the entity model is
 * built, before any query runs; the message names the class, the property and the fix.
 */
public class EntityDefinitionException extends R2ormException {
  private static final long serialVersionUID = 1L;

  public EntityDefinitionException(Class<?> entity, String message) {
    super("Cannot map " + entity.getName() + ": " + message);
  }

  public EntityDefinitionException(Class<?> entity, String message, @Nullable Throwable cause) {
    super("Cannot map " + entity.getName() + ": " + message, cause);
  }
}
