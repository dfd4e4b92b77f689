package io.r2orm.spring.app;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.Table;
import java.util.List;

/** A note of the starter's test application. */
@Table("starter_note")
public record Note(
    @Id Long id, String text, Long createdBy, @OneToMany(mappedBy = "noteId") List<Tag> tags) {
  public static Note of(String text) {
    return new Note(null, text, null, List.of());
  }
}
