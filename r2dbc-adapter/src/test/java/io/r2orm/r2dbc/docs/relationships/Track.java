package io.r2orm.r2dbc.docs.relationships;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.OneToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import java.util.List;

@Table("track")
record Track(@Id Long id, String title,
    @ManyToOne Ref<Album> album,
    @ManyToMany(joinTable = "track_genre", joinColumn = "track_id", inverseJoinColumn = "genre_id")
        List<Genre> genres,
    @ManyToMany(joinTable = "track_genre", joinColumn = "track_id", inverseJoinColumn = "genre_id",
        target = Genre.class) List<Long> genreIds) {}      // ids only: reads just the link table
