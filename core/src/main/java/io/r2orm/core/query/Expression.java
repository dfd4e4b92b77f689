package io.r2orm.core.query;

/**
 * A value-producing node of the query tree: a property (column), a bound value, arithmetic, a
 * function, an aggregate, a {@code CASE}, a cast, a scalar subquery or a window function. Sealed,
 * and visited ({@link #accept}), so that a renderer handles every kind. Users build these through
 * {@link Field} and {@link Functions}.
 */
public sealed interface Expression
    permits PropertyRef,
        Value,
        Arithmetic,
        FunctionCall,
        Aggregate,
        Case,
        Cast,
        ScalarSubquery,
        WindowCall {

  /**
   * Calls the visitor's method for this kind of node. A renderer written as a {@link Visitor}
   * handles every kind, or does not compile: a new kind of node is a compile error there, not a
   * failure at run time.
   */
  <R> R accept(Visitor<R> visitor);

  /** One method per kind of expression. */
  interface Visitor<R> {
    R propertyRef(PropertyRef e);

    R value(Value e);

    R arithmetic(Arithmetic e);

    R functionCall(FunctionCall e);

    R aggregate(Aggregate e);

    R caseWhen(Case e);

    R cast(Cast e);

    R scalarSubquery(ScalarSubquery e);

    R windowCall(WindowCall e);
  }
}
