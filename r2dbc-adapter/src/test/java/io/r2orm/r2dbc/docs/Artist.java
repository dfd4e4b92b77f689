package io.r2orm.r2dbc.docs;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.Table;
import java.util.List;

/** An artist of the docs' music examples. */
@Table("artist")
public record Artist(@Id Long id, String name, String country, @OneToMany(mappedBy = "artist") List<Album> albums) {}
