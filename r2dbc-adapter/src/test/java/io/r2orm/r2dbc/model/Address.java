package io.r2orm.r2dbc.model;

/** An embedded value object. */
public record Address(String street, String city) {}
