package io.r2orm.r2dbc.music;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.OneToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;

/** The owning side of a one-to-one: column artist_id. */
@Table("artist_profile")
public record ArtistProfile(@Id Long id, String bio, @OneToOne Ref<Artist> artist) {}
