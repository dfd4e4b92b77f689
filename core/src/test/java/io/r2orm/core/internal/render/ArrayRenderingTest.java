package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Golden.H2;
import static io.r2orm.core.internal.render.Golden.MODELS;
import static io.r2orm.core.internal.render.Golden.POSTGRES;
import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.convert.ValueType;
import io.r2orm.core.dialect.H2Dialect;
import io.r2orm.core.dialect.PostgresDialect;
import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.internal.schema.SchemaGenerator;
import io.r2orm.core.query.ArrayProperty;
import io.r2orm.core.query.Property;
import io.r2orm.core.query.Select;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Array properties (issue #12, finding 2): their column types, their values both ways, and the
 * element tests — PostgreSQL's array operators with a bind cast to the column's array type, H2's
 * {@code ARRAY_CONTAINS} per value.
 */
class ArrayRenderingTest {
  enum Feature {
    TRAILERS,
    COMMENTARIES
  }

  @Table("film")
  record Film(@Id Long id, List<String> tags, int[] scores, UUID[] refs, List<Feature> features) {}

  static final ArrayProperty<Film, List<String>, String> TAGS = tagsProperty();
  static final ArrayProperty<Film, List<Feature>, Feature> FEATURES = featuresProperty();

  @SuppressWarnings("unchecked")
  private static ArrayProperty<Film, List<String>, String> tagsProperty() {
    return Property.array(
        Film.class, "tags", (Class<List<String>>) (Class<?>) List.class, String.class);
  }

  @SuppressWarnings("unchecked")
  private static ArrayProperty<Film, List<Feature>, Feature> featuresProperty() {
    return Property.array(
        Film.class, "features", (Class<List<Feature>>) (Class<?>) List.class, Feature.class);
  }

  @Test
  void schemaGenerationDeclaresArrayColumns() {
    assertThat(
            new SchemaGenerator(PostgresDialect.INSTANCE).createTable(MODELS.of(Film.class)).get(0))
        .contains("tags text[]", "scores integer[]", "refs uuid[]", "features text[]");
    assertThat(new SchemaGenerator(H2Dialect.INSTANCE).createTable(MODELS.of(Film.class)).get(0))
        .contains(
            "tags CHARACTER VARYING ARRAY",
            "scores INTEGER ARRAY",
            "refs UUID ARRAY",
            "features CHARACTER VARYING ARRAY");
  }

  @Test
  void valuesTravelAsArraysOfTheElementsDatabaseType() {
    ValueType tags = MODELS.of(Film.class).column("tags").valueType();
    assertThat(tags.isArray()).isTrue();
    assertThat(tags.databaseType()).isEqualTo(String[].class);
    assertThat((Object[]) tags.write(java.util.Arrays.asList("a", null, "{\"b\",}")))
        .containsExactly("a", null, "{\"b\",}");
    assertThat(tags.read(new String[] {"x", null})).isEqualTo(java.util.Arrays.asList("x", null));

    ValueType scores = MODELS.of(Film.class).column("scores").valueType();
    assertThat(scores.databaseType()).isEqualTo(Integer[].class);
    assertThat((Object[]) scores.write(new int[] {3, 1})).containsExactly(3, 1);
    assertThat((int[]) scores.read(new Object[] {3, 1})).containsExactly(3, 1);
    assertThatThrownBy(() -> scores.read(new Integer[] {1, null}))
        .hasMessageContaining("element 1")
        .hasMessageContaining("Integer[]");

    ValueType features = MODELS.of(Film.class).column("features").valueType();
    assertThat((Object[]) features.write(List.of(Feature.TRAILERS))).containsExactly("TRAILERS");
    assertThat(features.read(new String[] {"COMMENTARIES"}))
        .isEqualTo(List.of(Feature.COMMENTARIES));
  }

  @Test
  void postgresUsesItsArrayOperatorsWithTheBindCastToTheArrayType() {
    rendersOn(
        POSTGRES,
        r -> r.select(Select.from(Film.class).where(TAGS.has("sf"))),
        "SELECT id, tags, scores, refs, features FROM film WHERE $1 = ANY(tags)",
        bind("sf", String.class));
    rendersOn(
        POSTGRES,
        r -> r.select(Select.from(Film.class).where(TAGS.containsAll("a", "b"))),
        "SELECT id, tags, scores, refs, features FROM film WHERE tags @> CAST($1 AS text[])",
        bind(new String[] {"a", "b"}, String[].class));
    rendersOn(
        POSTGRES,
        r -> r.select(Select.from(Film.class).where(FEATURES.overlaps(Feature.TRAILERS))),
        "SELECT id, tags, scores, refs, features FROM film WHERE features && CAST($1 AS text[])",
        bind(new String[] {"TRAILERS"}, String[].class));
  }

  @Test
  void h2TestsEachValueWithArrayContains() {
    rendersOn(
        H2,
        r -> r.select(Select.from(Film.class).where(TAGS.has("sf"))),
        "SELECT id, tags, scores, refs, features FROM film WHERE ARRAY_CONTAINS(tags, $1)",
        bind("sf", String.class));
    rendersOn(
        H2,
        r ->
            r.select(
                Select.from(Film.class)
                    .where(TAGS.containsAll("a", "b").or(TAGS.overlaps("c", "d")))),
        "SELECT id, tags, scores, refs, features FROM film WHERE (ARRAY_CONTAINS(tags, $1) AND ARRAY_CONTAINS(tags, $2))"
            + " OR (ARRAY_CONTAINS(tags, $3) OR ARRAY_CONTAINS(tags, $4))",
        bind("a", String.class),
        bind("b", String.class),
        bind("c", String.class),
        bind("d", String.class));
  }

  @Test
  void emptyValueListsAreConstantsAndNullsAreRefused() {
    rendersOn(
        POSTGRES,
        r -> r.select(Select.from(Film.class).where(TAGS.containsAll(List.of()))),
        "SELECT id, tags, scores, refs, features FROM film WHERE 1 = 1");
    rendersOn(
        H2,
        r -> r.select(Select.from(Film.class).where(TAGS.overlaps(List.of()))),
        "SELECT id, tags, scores, refs, features FROM film WHERE 1 = 0");
    assertThatThrownBy(() -> TAGS.has(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Film.tags");
  }

  @Test
  void elementTestsOnANonArrayPropertyAreRefused() {
    ArrayProperty<Film, Long, Long> notAnArray =
        Property.array(Film.class, "id", Long.class, Long.class);
    assertThatThrownBy(() -> POSTGRES.select(Select.from(Film.class).where(notAnArray.has(1L))))
        .isInstanceOf(QueryBuildException.class)
        .hasMessageContaining("Film.id");
  }
}
