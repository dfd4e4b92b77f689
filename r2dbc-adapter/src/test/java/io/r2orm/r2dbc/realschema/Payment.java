package io.r2orm.r2dbc.realschema;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;

/** A JSON document kept as text in Java: {@code jsonb} on PostgreSQL, {@code JSON} on H2. */
@Table("realschema_payment")
public record Payment(@Id Long id, @Column(type = "jsonb") String details) {
  public static Payment of(String details) {
    return new Payment(null, details);
  }
}
