package io.r2orm.r2dbc.docs.relationships;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.OneToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import java.util.List;

// relationships.md: the entities of the page (DocSnippetsTest compares them with it)
@Table("artist")
record Artist(@Id Long id, String name,
    @OneToMany(mappedBy = "artist", orderBy = "year DESC, title") List<Album> albums,   // key in album
    @OneToOne(mappedBy = "artist") Ref<ArtistProfile> profile) {}                        // key in artist_profile
