package io.r2orm.r2dbc.docs.mapping;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

// mapping.md: a JSON document as text
@Table("payment")
public record Payment(@Id Long id, @Column(type = "jsonb") String details) {}
