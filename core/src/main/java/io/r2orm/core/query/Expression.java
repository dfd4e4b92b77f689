package io.r2orm.core.query;

/**
 * A value-producing node of the query tree: a property (column), a bound value, arithmetic, a
 * function, an aggregate, a {@code CASE}, a cast, a scalar subquery or a window function. Sealed so
 * that a renderer handles every kind. Users build these through {@link Field} and {@link
 * Functions}.
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
        WindowCall {}
