package io.r2orm.r2dbc.docs.mapping;

import io.r2orm.core.annotation.Embedded;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;
import io.r2orm.core.query.Ref;
import java.time.LocalDateTime;

// mapping.md: a composite key
@Table("film_actor")
public record FilmActor(
    @Id @Embedded FilmActorId id,       // PRIMARY KEY (actor_id, film_id)
    @ManyToOne Ref<Actor> actor,        // reads actor_id, which the key writes
    String role,
    @Version LocalDateTime lastUpdate) {
  public record FilmActorId(Long actorId, Long filmId) {}
}
