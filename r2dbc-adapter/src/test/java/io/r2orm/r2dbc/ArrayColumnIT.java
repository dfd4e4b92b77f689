package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.r2dbc.realschema.Release;
import io.r2orm.r2dbc.realschema.Release.Mood;
import io.r2orm.r2dbc.realschema.Release_;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Array properties on PostgreSQL ({@code text[]}, {@code integer[]}, {@code uuid[]}) and H2 ({@code
 * ARRAY}) (issue #12, finding 2): created by schema generation, written and read back element for
 * element — hostile text and NULL elements included — and tested with has, containsAll and
 * overlaps.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class ArrayColumnIT extends DatabaseTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** Every character with a meaning in an array literal or in SQL, and a NULL element. */
  private static final List<String> HOSTILE =
      Arrays.asList(
          "plain",
          "a,b",
          "{braces}",
          "\"quoted\"",
          "back\\slash",
          "it's",
          "NULL",
          "",
          " padded ",
          null,
          "é ü 日本",
          "ARRAY[1]",
          "';DROP TABLE x;--");

  @BeforeEach
  void table() {
    testDatabase().sql("DROP TABLE IF EXISTS realschema_release");
    db().schema().create(Release.class).block(WAIT);
  }

  /**
   * r2dbc-h2 cannot bind a NULL element (it reads them): there the hostile list goes without its
   * NULL.
   */
  private boolean nullElements() {
    return kind == io.r2orm.r2dbc.test.TestDatabase.Kind.POSTGRES;
  }

  private List<String> hostile() {
    return nullElements() ? HOSTILE : HOSTILE.stream().filter(java.util.Objects::nonNull).toList();
  }

  private Release release(String title, List<String> features, int[] scores, List<Mood> moods) {
    return new Release(
        null,
        title,
        features,
        scores,
        new UUID[] {UUID.nameUUIDFromBytes(title.getBytes())},
        moods,
        nullElements() ? new String[] {title, null} : new String[] {title});
  }

  @Test
  void everyElementTravelsBothWaysUnchanged() {
    Release stored =
        db().insert(
                release("hostile", hostile(), new int[] {3, -1, 0}, List.of(Mood.DARK, Mood.CALM)))
            .block(WAIT);
    Release read = db().findById(Release.class, stored.id()).block(WAIT);
    assertThat(read.features()).containsExactlyElementsOf(hostile());
    assertThat(read.scores()).containsExactly(3, -1, 0);
    assertThat(read.refs()).containsExactly(UUID.nameUUIDFromBytes("hostile".getBytes()));
    assertThat(read.moods()).containsExactly(Mood.DARK, Mood.CALM);
    assertThat(read.labels())
        .containsExactlyElementsOf(
            nullElements() ? Arrays.asList("hostile", null) : List.of("hostile"));
    assertThat(read.features()).as("read back unmodifiable").isUnmodifiable();

    // empty and absent arrays are different things
    Release empty =
        db().insert(
                new Release(
                    null, "empty", List.of(), new int[0], new UUID[0], List.of(), new String[0]))
            .block(WAIT);
    Release absent =
        db().insert(new Release(null, "absent", null, null, null, null, null)).block(WAIT);
    assertThat(db().findById(Release.class, empty.id()).block(WAIT).features()).isEmpty();
    assertThat(db().findById(Release.class, empty.id()).block(WAIT).scores()).isEmpty();
    assertThat(db().findById(Release.class, absent.id()).block(WAIT).features()).isNull();
    assertThat(db().select(Release.class).where(Release_.FEATURES.isNull()).count().block(WAIT))
        .isEqualTo(1);

    // whole arrays in bulk inserts and updates
    db().insertAll(
            List.of(
                release("bulk 1", List.of("x"), new int[] {1}, List.of()),
                release("bulk 2", List.of("y", "z"), new int[] {2}, List.of(Mood.BRIGHT))))
        .blockLast(WAIT);
    db().update(Release.class)
        .set(Release_.FEATURES, List.of("updated", "a,b"))
        .where(Release_.TITLE.eq("bulk 1"))
        .execute()
        .block(WAIT);
    assertThat(
            db().select(Release.class)
                .where(Release_.TITLE.eq("bulk 1"))
                .one()
                .block(WAIT)
                .features())
        .containsExactly("updated", "a,b");
  }

  @Test
  void elementTestsFindTheRows() {
    db().insertAll(
            List.of(
                release("one", List.of("Trailers", "a,b"), new int[] {1, 2}, List.of(Mood.CALM)),
                release(
                    "two",
                    List.of("Trailers", "Commentaries"),
                    new int[] {2, 3},
                    List.of(Mood.DARK, Mood.BRIGHT)),
                release("three", List.of("{braces}"), new int[] {4}, List.of())))
        .blockLast(WAIT);

    assertThat(titles(Release_.FEATURES.has("Trailers"))).containsExactly("one", "two");
    assertThat(titles(Release_.FEATURES.has("a,b"))).containsExactly("one");
    assertThat(titles(Release_.FEATURES.has("{braces}"))).containsExactly("three");
    assertThat(titles(Release_.FEATURES.containsAll("Trailers", "Commentaries")))
        .containsExactly("two");
    assertThat(titles(Release_.FEATURES.overlaps("Commentaries", "a,b")))
        .containsExactly("one", "two");
    assertThat(titles(Release_.SCORES.containsAll(2))).containsExactly("one", "two");
    assertThat(titles(Release_.SCORES.overlaps(4, 9))).containsExactly("three");
    assertThat(titles(Release_.MOODS.has(Mood.BRIGHT))).containsExactly("two");
    assertThat(titles(Release_.REFS.has(UUID.nameUUIDFromBytes("three".getBytes()))))
        .containsExactly("three");
    assertThat(titles(Release_.LABELS.containsAll(List.of())))
        .containsExactly("one", "two", "three");
    assertThat(titles(Release_.LABELS.overlaps(List.of()))).isEmpty();
    assertThat(titles(Release_.FEATURES.has("Trailers").and(Release_.SCORES.has(3))))
        .containsExactly("two");
    // the whole array: equal only with the same elements in the same order
    assertThat(titles(Release_.FEATURES.eq(List.of("Trailers", "a,b")))).containsExactly("one");
    assertThat(titles(Release_.FEATURES.eq(List.of("a,b", "Trailers")))).isEmpty();
  }

  @Test
  void aNullElementIsStoredOnPostgresAndRefusedBeforeAnythingIsSentOnH2() {
    Release withNull = new Release(null, "n", Arrays.asList("a", null), null, null, null, null);
    if (nullElements()) {
      Release stored = db().insert(withNull).block(WAIT);
      assertThat(db().findById(Release.class, stored.id()).block(WAIT).features())
          .containsExactly("a", null);
      return;
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> db().insert(withNull).block(WAIT))
        .isInstanceOf(io.r2orm.core.exception.UnsupportedFeatureException.class)
        .hasMessageContaining("Release.features")
        .hasMessageContaining("NULL elements");
    assertThat(db().select(Release.class).count().block(WAIT)).isZero();
  }

  private List<String> titles(io.r2orm.core.query.Predicate where) {
    return db().select(Release.class)
        .where(where)
        .orderBy(Release_.ID.asc())
        .all()
        .map(Release::title)
        .collectList()
        .block(WAIT);
  }
}
