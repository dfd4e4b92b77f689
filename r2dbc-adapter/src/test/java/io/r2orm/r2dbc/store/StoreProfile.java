package io.r2orm.r2dbc.store;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.IdGeneration;
import io.r2orm.core.annotation.OneToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;

/** The owning side of a one-to-one with an artist (column artist_id); {@code bio} is nullable. */
@Table("store_profile")
public record StoreProfile(
    @Id(generation = IdGeneration.ASSIGNED) Long id,
    String bio,
    @OneToOne Ref<StoreArtist> artist) {}
