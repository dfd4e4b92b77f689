package io.r2orm.examples.docs;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/** An artist of docs/spring-boot.md. */
@Table("docs_artist")
public record Artist(@Id Long id, String name, String country) {}
