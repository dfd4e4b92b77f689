package io.r2orm.r2dbc.docs.relationships;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.OneToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import java.util.List;

@Table("album")
record Album(@Id Long id, String title, Integer year,
    @ManyToOne Ref<Artist> artist,                          // column artist_id
    @OneToMany(mappedBy = "album") List<Track> tracks) {}  // children by id unless orderBy says otherwise
