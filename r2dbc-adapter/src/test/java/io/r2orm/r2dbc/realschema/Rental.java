package io.r2orm.r2dbc.realschema;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import java.time.LocalDateTime;

/**
 * Columns r2orm must not write: a creation time the database's default fills, and a tenant (a
 * distribution key) that may never appear in {@code UPDATE … SET}.
 */
@Table("realschema_rental")
public record Rental(
    @Id Long id,
    String note,
    @Column(insertable = false) LocalDateTime createdAt,
    @Column(updatable = false, nullable = false) String tenant) {

  public static Rental of(String note, String tenant) {
    return new Rental(null, note, LocalDateTime.of(2000, 1, 1, 0, 0), tenant);
  }

  public Rental with(String newNote, String newTenant) {
    return new Rental(id, newNote, createdAt, newTenant);
  }
}
