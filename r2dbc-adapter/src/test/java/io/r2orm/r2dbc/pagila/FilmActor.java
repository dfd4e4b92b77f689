package io.r2orm.r2dbc.pagila;

import io.r2orm.core.annotation.Embedded;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;
import io.r2orm.core.query.Ref;
import java.time.LocalDateTime;

/**
 * Pagila's {@code film_actor}, a link table with a key of two columns and columns of its own. The
 * key's parts write {@code actor_id} and {@code film_id}; the two relations read the same columns.
 */
@Table("pagila_film_actor")
public record FilmActor(
    @Id @Embedded FilmActorId id,
    @ManyToOne Ref<Actor> actor,
    @ManyToOne Ref<Film> film,
    String role,
    @Version LocalDateTime lastUpdate) {

  /** The composite key: its components are the key's columns, in this order. */
  public record FilmActorId(Long actorId, Long filmId) {}

  public static FilmActor of(long actorId, long filmId, String role) {
    return new FilmActor(
        new FilmActorId(actorId, filmId), Ref.to(actorId), Ref.to(filmId), role, null);
  }

  public FilmActor withRole(String newRole) {
    return new FilmActor(id, actor, film, newRole, lastUpdate);
  }
}
