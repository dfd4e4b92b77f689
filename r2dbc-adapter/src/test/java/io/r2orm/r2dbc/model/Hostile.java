package io.r2orm.r2dbc.model;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Version;

/** A row carrying hostile text through every write path; {@code label} is the upsert key. */
@Table("hostile")
public record Hostile(
    @Id Long id,
    @Column(nullable = false, unique = true, length = 64) String label,
    String body,
    @Version int version) {
  public static Hostile of(String label, String body) {
    return new Hostile(null, label, body, 0);
  }
}
