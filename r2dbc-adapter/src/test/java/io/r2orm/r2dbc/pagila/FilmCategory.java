package io.r2orm.r2dbc.pagila;

import io.r2orm.core.annotation.Embedded;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/**
 * Pagila's {@code film_category} without relations or version: {@code save} cannot tell new from
 * stored, so it upserts on the two key columns in one statement.
 */
@Table("pagila_film_category")
public record FilmCategory(@Id @Embedded Key id, String note) {
  /** The composite key. */
  public record Key(Long filmId, Integer categoryId) {}
}
