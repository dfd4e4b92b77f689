package io.r2orm.core.exception;

import org.jspecify.annotations.Nullable;

/**
 * A row could not be turned into an entity, or an entity's value into a bind: a NULL for a
 * primitive property, a value a converter rejects, a constructor that throws. Names the entity, the
 * property and the column.
 */
public class MappingException extends R2ormException {
  private static final long serialVersionUID = 1L;

  public MappingException(String message, @Nullable Throwable cause) {
    super(message, cause);
  }

  public MappingException(String message) {
    super(message);
  }
}
