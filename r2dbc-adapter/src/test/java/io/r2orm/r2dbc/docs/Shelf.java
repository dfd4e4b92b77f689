package io.r2orm.r2dbc.docs;

/** An embedded value of {@link Book}. */
public record Shelf(String room, Integer number) {}
