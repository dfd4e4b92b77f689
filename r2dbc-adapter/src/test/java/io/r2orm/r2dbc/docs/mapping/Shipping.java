package io.r2orm.r2dbc.docs.mapping;

/** Where an {@link Order} goes. */
public record Shipping(String city, boolean express) {}
