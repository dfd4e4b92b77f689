package io.r2orm.r2dbc.docs.repositories;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;
import io.r2orm.core.query.Ref;
import java.util.List;

/** An album of an artist. */
@Table("album")
record Album(@Id Long id, String title, @ManyToOne Ref<Artist> artist) {}
