package io.r2orm.r2dbc.docs.relationships;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.OneToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import java.util.List;

/** A genre, linked to tracks through track_genre. */
@Table("genre")
record Genre(@Id Long id, String name) {}
