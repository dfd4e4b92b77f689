package io.r2orm.r2dbc.docs.mapping;

/** A line of an {@link Order}. */
public record Line(String sku, int quantity) {}
