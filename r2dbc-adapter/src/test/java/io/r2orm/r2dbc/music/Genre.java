package io.r2orm.r2dbc.music;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

@Table("genre")
public record Genre(@Id Long id, String name) {}
