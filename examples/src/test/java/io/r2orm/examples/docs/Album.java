package io.r2orm.examples.docs;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;

/** An album of docs/spring-boot.md. */
@Table("docs_album")
public record Album(@Id Long id, String title, @ManyToOne Ref<Artist> artist) {}
