package io.r2orm.r2dbc.docs;

/** A track's genre, stored as its name. */
public enum Genre { ROCK, JAZZ, POP }
