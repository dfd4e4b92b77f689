package io.r2orm.core.exception;

/**
 * No usable connection: the pool had none free within its acquire timeout, the server could not be
 * reached, or the connection broke while a statement ran (e.g. its server process was terminated,
 * SQLSTATE class 08 or 57P01). The statement's effects are unknown unless it ran in a transaction,
 * which is then rolled back; the next operation gets a fresh connection.
 */
public class ConnectionFailureException extends StatementException {
  private static final long serialVersionUID = 1L;

  public ConnectionFailureException(String what, String sql, String sqlState, Throwable cause) {
    super(what, sql, sqlState, cause);
  }
}
