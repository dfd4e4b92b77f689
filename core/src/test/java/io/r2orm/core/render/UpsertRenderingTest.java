package io.r2orm.core.render;

import static io.r2orm.core.render.Golden.H2;
import static io.r2orm.core.render.Golden.POSTGRES;
import static io.r2orm.core.render.Golden.bind;
import static io.r2orm.core.render.Golden.rendersOn;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.query.Insert;
import io.r2orm.core.render.Fixtures.Book;
import io.r2orm.core.render.Fixtures.Genre;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Insert-or-update by id: ON CONFLICT on PostgreSQL, MERGE … KEY on H2. */
class UpsertRenderingTest {

  private static Insert book(List<String> properties, List<Object> row) {
    return new Insert(Book.class, properties, List.of(row), List.of());
  }

  private static final Insert DUNE = book(List.of("id", "title", "genre"), List.of(7L, "Dune", Genre.FANTASY));

  @Test
  void updatesEveryOtherColumnOnConflictOnPostgres() {
    rendersOn(POSTGRES, r -> r.upsert(DUNE),
        "INSERT INTO book (id, title, genre) VALUES ($1, $2, $3)"
            + " ON CONFLICT (id) DO UPDATE SET title = EXCLUDED.title, genre = EXCLUDED.genre",
        bind(7L, Long.class), bind("Dune", String.class), bind("FANTASY", String.class));
  }

  @Test
  void doesNothingOnConflictWhenOnlyTheIdIsWritten() {
    rendersOn(POSTGRES, r -> r.upsert(book(List.of("id"), List.of(7L))),
        "INSERT INTO book (id) VALUES ($1) ON CONFLICT (id) DO NOTHING", bind(7L, Long.class));
  }

  @Test
  void mergesByKeyOnH2() {
    rendersOn(H2, r -> r.upsert(DUNE), "MERGE INTO book (id, title, genre) KEY (id) VALUES ($1, $2, $3)",
        bind(7L, Long.class), bind("Dune", String.class), bind("FANTASY", String.class));
  }

  @Test
  void needsOneRowIncludingTheId() {
    assertThatThrownBy(() -> POSTGRES.upsert(book(List.of("title"), List.of("Dune"))))
        .isInstanceOf(QueryBuildException.class)
        .hasMessage("an upsert of Book writes one row including its id");
    Insert twoRows = new Insert(Book.class, List.of("id"), List.of(List.of(1L), List.of(2L)), List.of());
    assertThatThrownBy(() -> H2.upsert(twoRows)).isInstanceOf(QueryBuildException.class);
  }
}
