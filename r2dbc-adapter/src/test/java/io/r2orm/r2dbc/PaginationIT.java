package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.exception.InvalidPageTokenException;
import io.r2orm.r2dbc.store.StoreAlbum;
import io.r2orm.r2dbc.store.StoreAlbum_;
import io.r2orm.r2dbc.store.StoreArtist;
import io.r2orm.r2dbc.store.StoreArtist_;
import io.r2orm.r2dbc.store.StoreData;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

/** Keyset pages and the paged walk, checked against the same order written by hand in SQL. */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class PaginationIT extends DatabaseTest {
  private final StatementCounter counter = new StatementCounter();
  private Database db;

  @BeforeEach
  void fixture() {
    StoreData.load(db());
    db = Database.builder(testDatabase().pool()).listener(counter).build();
    counter.reset();
  }

  private List<Long> handOrdered(String orderBy) {
    return db.sql("SELECT id FROM store_album ORDER BY " + orderBy)
        .all(Long.class)
        .collectList()
        .block();
  }

  private List<Long> walk(SelectQuery<StoreAlbum> query, int size) {
    List<Long> ids = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      KeysetPage<StoreAlbum> page = query.page(size, cursor).block();
      assertThat(page.items().size()).isLessThanOrEqualTo(size);
      page.items().forEach(a -> ids.add(a.id()));
      cursor = page.next();
      pages++;
      assertThat(pages).isLessThan(100);
    } while (cursor != null);
    return ids;
  }

  @Test
  void ascendingOnANullableKeyPutsNullsLastAndVisitsEveryRowOnce() {
    List<Long> expected = handOrdered("\"year\" ASC NULLS LAST, id ASC");
    assertThat(expected).hasSize(33);
    for (int size : new int[] {1, 4, 7, 33, 50}) {
      assertThat(walk(db.select(StoreAlbum.class).orderBy(StoreAlbum_.YEAR.asc()), size))
          .as("page size " + size)
          .containsExactlyElementsOf(expected);
    }
  }

  @Test
  void descendingAndMixedDirectionsOverSeveralKeys() {
    assertThat(
            walk(
                db.select(StoreAlbum.class)
                    .orderBy(StoreAlbum_.YEAR.desc(), StoreAlbum_.TITLE.asc()),
                5))
        .containsExactlyElementsOf(handOrdered("\"year\" DESC NULLS FIRST, title ASC, id ASC"));
    assertThat(
            walk(
                db.select(StoreAlbum.class)
                    .orderBy(StoreAlbum_.YEAR.asc().nullsFirst(), StoreAlbum_.ID.desc()),
                6))
        .containsExactlyElementsOf(handOrdered("\"year\" ASC NULLS FIRST, id DESC"));
  }

  @Test
  void filteredPagesCostOneStatementEachAndTheLastPageHasNoCursor() {
    SelectQuery<StoreAlbum> query =
        db.select(StoreAlbum.class)
            .where(StoreAlbum_.YEAR.isNotNull())
            .orderBy(StoreAlbum_.TITLE.asc());
    List<Long> ids = walk(query, 10);
    assertThat(ids)
        .containsExactlyElementsOf(
            db.sql("SELECT id FROM store_album WHERE \"year\" IS NOT NULL ORDER BY title, id")
                .all(Long.class)
                .collectList()
                .block());
    assertThat(counter.count()).isEqualTo((ids.size() + 9) / 10 + 1);
  }

  @Test
  void theWalkResumesFromACursorAndLoadsTheFetchPlanPerPage() {
    SelectQuery<StoreArtist> artists =
        db.select(StoreArtist.class).orderBy(StoreArtist_.NAME.asc()).fetch(StoreArtist_.ALBUMS);
    List<KeysetPage<StoreArtist>> pages = artists.pages(5).collectList().block();
    assertThat(pages).hasSize(3);
    assertThat(pages.get(2).next()).isNull();
    assertThat(counter.count()).isEqualTo(6);
    assertThat(pages.stream().flatMap(p -> p.items().stream()))
        .allSatisfy(a -> assertThat(a.albums()).hasSize(a.id() == StoreData.ARTISTS ? 0 : 3));
    List<String> names =
        pages.stream().flatMap(p -> p.items().stream()).map(StoreArtist::name).toList();
    assertThat(names)
        .containsExactlyElementsOf(
            db.sql("SELECT name FROM store_artist ORDER BY name, id")
                .all(String.class)
                .collectList()
                .block());

    List<String> resumed =
        artists
            .pages(5, pages.get(0).next())
            .flatMapIterable(KeysetPage::items)
            .map(StoreArtist::name)
            .collectList()
            .block();
    assertThat(resumed).containsExactlyElementsOf(names.subList(5, names.size()));
  }

  @Test
  void badCursorsAreRejectedWithAClearError() {
    String cursor =
        db.select(StoreAlbum.class).orderBy(StoreAlbum_.YEAR.asc()).page(3).block().next();
    StepVerifier.create(
            db.select(StoreAlbum.class).orderBy(StoreAlbum_.TITLE.asc()).page(3, cursor))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(InvalidPageTokenException.class)
                    .hasMessageContaining("another query or sort order"))
        .verify();
    for (String bad :
        new String[] {"", "not base64!", "azE6MDAw", cursor.substring(0, cursor.length() - 3)}) {
      StepVerifier.create(db.select(StoreAlbum.class).orderBy(StoreAlbum_.YEAR.asc()).page(3, bad))
          .expectError(InvalidPageTokenException.class)
          .verify();
    }
    StepVerifier.create(db.select(StoreAlbum.class).limit(5).page(3))
        .expectError(IllegalStateException.class)
        .verify();
    StepVerifier.create(db.select(StoreAlbum.class).page(0))
        .expectError(IllegalArgumentException.class)
        .verify();
  }
}
