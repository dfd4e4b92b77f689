package io.r2orm.r2dbc.docs.repositories;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;
import io.r2orm.core.query.Ref;
import java.util.List;

/** A book with a to-one author, read through {@link BookRepository}. */
@Table("book")
record Book(@Id Long id, String title, Integer year, @ManyToOne Ref<Author> author, @Version int version) {}
