package io.r2orm.r2dbc.model;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.IdGeneration;
import io.r2orm.core.annotation.Table;
import java.util.UUID;

/** A record whose UUID id r2orm draws on insert. */
@Table("tag")
public record Tag(@Id(generation = IdGeneration.UUID) UUID id, String label) {}
