package io.r2orm.r2dbc.docs.mapping.enums;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

// mapping.md: a native enum type
@Table("film")
public record Film(@Id Long id, String title, @Column(type = "mpaa_rating") Rating rating) {}
