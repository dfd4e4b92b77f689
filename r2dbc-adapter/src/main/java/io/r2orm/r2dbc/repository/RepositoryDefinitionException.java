package io.r2orm.r2dbc.repository;

import io.r2orm.core.exception.R2ormException;

/**
 * A repository interface cannot be implemented: a derived query names an unknown property, a method
 * returns the wrong type or takes the wrong parameters, a fetch path or a {@link Query} parameter
 * does not match. Raised by {@link Repositories#create}, before any query runs; the message names
 * the repository method, the problem and the fix.
 */
public class RepositoryDefinitionException extends R2ormException {
  private static final long serialVersionUID = 1L;

  public RepositoryDefinitionException(String message) {
    super(message);
  }
}
