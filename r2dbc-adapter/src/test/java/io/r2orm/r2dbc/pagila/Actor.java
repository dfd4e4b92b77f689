package io.r2orm.r2dbc.pagila;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;
import java.time.LocalDateTime;

/** Pagila's {@code actor}: its {@code last_update} is set by a trigger and is the version. */
@Table("pagila_actor")
public record Actor(@Id Long id, String name, @Version LocalDateTime lastUpdate) {
  public static Actor of(String name) {
    return new Actor(null, name, null);
  }
}
