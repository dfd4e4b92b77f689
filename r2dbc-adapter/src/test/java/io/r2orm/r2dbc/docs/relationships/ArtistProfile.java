package io.r2orm.r2dbc.docs.relationships;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.OneToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import java.util.List;

/** The owning side of the artist's one-to-one. */
@Table("artist_profile")
record ArtistProfile(@Id Long id, String bio, @OneToOne Ref<Artist> artist) {}
