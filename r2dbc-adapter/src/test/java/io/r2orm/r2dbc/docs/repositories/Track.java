package io.r2orm.r2dbc.docs.repositories;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;
import io.r2orm.core.query.Ref;
import java.util.List;

/** A track with an album and genres. */
@Table("track")
record Track(@Id Long id, String title, int millis, @ManyToOne Ref<Album> album,
    @ManyToMany(joinTable = "track_genre", joinColumn = "track_id", inverseJoinColumn = "genre_id") List<Genre> genres) {}
