package io.r2orm.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.exception.UnloadedRelationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a to-one reference holds, when it throws, and how references compare. */
class RefTest {
  record Book(Long id, String title) {}

  record Author(Long id, String name, List<Book> books, Ref<Book> profile) {}

  private final Author herbert = new Author(9L, "Herbert", List.of(), Ref.none());

  @Test
  void aReferenceByIdHoldsOnlyTheId() {
    Ref<Author> ref = Ref.to(9L);
    assertThat(ref.id()).isEqualTo(9L);
    assertThat(ref.isLoaded()).isFalse();
    assertThat(ref.isEmpty()).isFalse();
    assertThat(ref).hasToString("Ref[9, not fetched]");
    assertThatThrownBy(ref::get)
        .isInstanceOf(UnloadedRelationException.class)
        .hasMessage("this reference was made with Ref.to(id) and holds only the id");
    assertThatThrownBy(() -> Ref.to(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("id must not be null");
  }

  @Test
  void aReferenceToAnEntityInHandIsLoaded() {
    Ref<Author> ref = Ref.of(herbert);
    assertThat(ref.id()).isNull();
    assertThat(ref.isLoaded()).isTrue();
    assertThat(ref.isEmpty()).isFalse();
    assertThat(ref.get()).isSameAs(herbert);
    assertThat(ref).hasToString("Ref[" + herbert + "]");
    assertThatThrownBy(() -> Ref.of(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("entity must not be null");
  }

  @Test
  void noneIsLoadedAndEmpty() {
    assertThat(Ref.<Author>none().isLoaded()).isTrue();
    assertThat(Ref.<Author>none().isEmpty()).isTrue();
    assertThat(Ref.<Author>none().get()).isNull();
    assertThat(Ref.<Author>none().id()).isNull();
    assertThat(Ref.none()).hasToString("Ref[none]");
    assertThat(Ref.loaded(null, null)).isSameAs(Ref.none());
  }

  @Test
  void aLoadedReferenceHoldsIdAndEntity() {
    Ref<Author> ref = Ref.loaded(9L, herbert);
    assertThat(ref.id()).isEqualTo(9L);
    assertThat(ref.get()).isSameAs(herbert);
    assertThat(ref.isEmpty()).isFalse();
    assertThat(ref).hasToString("Ref[9 " + herbert + "]");
  }

  @Test
  void anUnloadedReferenceThrowsItsMessage() {
    Ref<Author> ref = Ref.unloaded(9L, "fetch it");
    assertThat(ref.id()).isEqualTo(9L);
    assertThatThrownBy(ref::get)
        .isInstanceOf(UnloadedRelationException.class)
        .hasMessage("fetch it");
    assertThat(Ref.unloaded(null, "x")).hasToString("Ref[null, not fetched]");
  }

  @Test
  void referencesWithIdsAreEqualByIdWhetherLoadedOrNot() {
    assertThat(Ref.to(9L))
        .isEqualTo(Ref.unloaded(9L, "m"))
        .isEqualTo(Ref.loaded(9L, herbert))
        .hasSameHashCodeAs(Ref.loaded(9L, herbert));
    assertThat(Ref.to(9L)).isNotEqualTo(Ref.to(8L)).isNotEqualTo(Ref.none()).isNotEqualTo(9L);
  }

  @Test
  void referencesWithoutIdsAreEqualByEntityAndLoadedness() {
    assertThat(Ref.of(herbert))
        .isEqualTo(Ref.of(new Author(9L, "Herbert", List.of(), Ref.none())))
        .hasSameHashCodeAs(Ref.of(herbert));
    assertThat(Ref.none()).isEqualTo(Ref.loaded(null, null)).isNotEqualTo(Ref.unloaded(null, "m"));
    assertThat(Ref.unloaded(null, "a")).isEqualTo(Ref.unloaded(null, "b"));
  }

  /**
   * Pinned: a reference made with of(entity) carries no id, so it differs from the stored
   * reference.
   */
  @Test
  void aReferenceToAnEntityDiffersFromTheSameEntityReadWithItsId() {
    assertThat(Ref.of(herbert)).isNotEqualTo(Ref.to(9L)).isNotEqualTo(Ref.loaded(9L, herbert));
  }

  /** Pinned: ids are compared with equals, so an Integer and a Long id differ. */
  @Test
  void idsOfDifferentNumberTypesDiffer() {
    assertThat(Ref.to(9)).isNotEqualTo(Ref.to(9L));
  }
}
