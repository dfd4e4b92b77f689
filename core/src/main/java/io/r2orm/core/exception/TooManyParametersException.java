package io.r2orm.core.exception;

/**
 * A statement would carry more bind parameters than the database takes in one statement
 * (PostgreSQL: 65,535, a limit of its wire protocol). Raised before anything is sent; the message
 * names the count, the limit, the start of the SQL and the fix.
 */
public class TooManyParametersException extends QueryBuildException {
  private static final long serialVersionUID = 1L;

  private final int parameters;
  private final int limit;

  public TooManyParametersException(String database, int parameters, int limit, String sql) {
    super(
        "The statement has "
            + parameters
            + " bind parameters, but "
            + database
            + " takes at most "
            + limit
            + " in one statement. Compare a property with many values through in(list), which binds them as one "
            + "array parameter, instead of one equality per value (Predicate.any of many eq(...)); or split the work "
            + "into several statements. SQL: "
            + (sql.length() > 200 ? sql.substring(0, 200) + "..." : sql));
    this.parameters = parameters;
    this.limit = limit;
  }

  /** How many bind parameters the statement has. */
  public int parameters() {
    return parameters;
  }

  /** How many the database takes in one statement. */
  public int limit() {
    return limit;
  }
}
