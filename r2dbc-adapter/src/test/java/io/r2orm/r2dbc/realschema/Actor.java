package io.r2orm.r2dbc.realschema;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;
import java.time.LocalDateTime;

/**
 * Shaped like Pagila's {@code actor}: a {@code last_update timestamp} that a trigger sets on every
 * update, used as the optimistic-locking version.
 */
@Table("realschema_actor")
public record Actor(@Id Long id, String name, @Version LocalDateTime lastUpdate) {
  public static Actor of(String name) {
    return new Actor(null, name, null);
  }

  public Actor withName(String newName) {
    return new Actor(id, newName, lastUpdate);
  }
}
