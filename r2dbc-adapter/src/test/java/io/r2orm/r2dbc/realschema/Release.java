package io.r2orm.r2dbc.realschema;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import java.util.List;
import java.util.UUID;

/**
 * A row with array columns of every supported shape, as Pagila's {@code film.special_features
 * text[]}.
 */
@Table("realschema_release")
public record Release(
    @Id Long id,
    String title,
    List<String> features,
    int[] scores,
    UUID[] refs,
    List<Mood> moods,
    String[] labels) {

  /** Stored by name in a text array. */
  public enum Mood {
    CALM,
    BRIGHT,
    DARK
  }
}
