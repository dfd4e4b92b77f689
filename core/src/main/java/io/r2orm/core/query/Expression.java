package io.r2orm.core.query;

/**
 * A value-producing node of the query tree: a property (column) or a bound value, or arithmetic
 * over them. Sealed so that a renderer handles every kind.
 */
public sealed interface Expression permits PropertyRef, Value, Arithmetic {}
