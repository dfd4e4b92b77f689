package io.r2orm.r2dbc.docs.mapping.enums;

// mapping.md: a native enum type
public enum Rating { G, PG, PG_13, R, NC_17 }
