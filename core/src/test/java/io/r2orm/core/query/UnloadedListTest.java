package io.r2orm.core.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.exception.UnloadedRelationException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stand-in for an unfetched to-many relation: reads throw, equals and toString do not. */
class UnloadedListTest {
  record Book(Long id, String title) {}

  record Author(Long id, String name, List<Book> books, Ref<Book> profile) {}

  private final UnloadedList<Book> list = new UnloadedList<>("Author.books was not fetched");

  @Test
  void throwsOnEveryRead() {
    assertThatThrownBy(list::size)
        .isInstanceOf(UnloadedRelationException.class)
        .hasMessage("Author.books was not fetched");
    assertThatThrownBy(() -> list.get(0)).isInstanceOf(UnloadedRelationException.class);
    assertThatThrownBy(() -> list.iterator().hasNext())
        .isInstanceOf(UnloadedRelationException.class);
    assertThatThrownBy(
            () -> {
              for (Book b : list) {
                assertThat(b).isNull();
              }
            })
        .isInstanceOf(UnloadedRelationException.class);
    assertThatThrownBy(list::isEmpty).isInstanceOf(UnloadedRelationException.class);
    assertThatThrownBy(() -> list.stream().count()).isInstanceOf(UnloadedRelationException.class);
  }

  @Test
  void equalsHashCodeAndToStringDoNotThrow() {
    assertThat(list).hasToString("[not fetched]");
    assertThat(list.equals(new UnloadedList<>("other"))).isTrue();
    assertThat(list.equals(List.of())).isFalse();
    assertThat(list.hashCode()).isEqualTo(new UnloadedList<>("other").hashCode());
    assertThat(UnloadedList.isUnloaded(list)).isTrue();
    assertThat(UnloadedList.isUnloaded(List.of())).isFalse();
  }

  @Test
  void entitiesWithUnfetchedListsCompareAndPrint() {
    Author a = new Author(1L, "A", list, Ref.unloaded(null, "m"));
    Author b = new Author(1L, "A", new UnloadedList<>("n"), Ref.unloaded(null, "n"));
    assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
    assertThat(a)
        .hasToString("Author[id=1, name=A, books=[not fetched], profile=Ref[null, not fetched]]");
  }

  /** Pinned: another list comparing itself with an unfetched one reads it, and so throws. */
  @Test
  void anotherListComparedWithAnUnfetchedOneThrows() {
    assertThatThrownBy(() -> List.of().equals(list)).isInstanceOf(UnloadedRelationException.class);
    assertThatThrownBy(() -> new ArrayList<>().equals(list))
        .isInstanceOf(UnloadedRelationException.class);
  }
}
