package io.r2orm.spring.app;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Index;
import io.r2orm.core.annotation.Table;

/** A tag on a note (a one-to-many for the relation-batch metrics). */
@Table(value = "starter_tag", indexes = @Index(properties = "noteId"))
public record Tag(@Id Long id, Long noteId, String name) {}
