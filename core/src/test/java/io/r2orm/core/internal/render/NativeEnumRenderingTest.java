package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Golden.H2;
import static io.r2orm.core.internal.render.Golden.MODELS;
import static io.r2orm.core.internal.render.Golden.POSTGRES;
import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.dialect.H2Dialect;
import io.r2orm.core.dialect.PostgresDialect;
import io.r2orm.core.exception.EntityDefinitionException;
import io.r2orm.core.internal.schema.SchemaGenerator;
import io.r2orm.core.metadata.EntityModels;
import io.r2orm.core.query.ComparableProperty;
import io.r2orm.core.query.Insert;
import io.r2orm.core.query.Property;
import io.r2orm.core.query.Select;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A Java enum stored in a PostgreSQL enum type named with {@code @Column(type = ...)} (issue #12,
 * finding 1): every bind for the column is cast to the type, which a native enum needs to be
 * compared or written; schema generation creates the type. H2 uses an inline ENUM column.
 */
class NativeEnumRenderingTest {
  enum Rating {
    G,
    PG,
    PG_13
  }

  @Table("film")
  record Film(@Id Long id, String title, @Column(type = "mpaa_rating") Rating rating) {}

  static final ComparableProperty<Film, Rating> RATING =
      Property.comparable(Film.class, "rating", Rating.class);

  @Test
  void comparisonsCastTheBindToTheEnumTypeOnPostgres() {
    rendersOn(
        POSTGRES,
        r -> r.select(Select.from(Film.class).where(RATING.eq(Rating.PG_13))),
        "SELECT id, title, rating FROM film WHERE rating = CAST($1 AS mpaa_rating)",
        bind("PG_13", String.class));
    rendersOn(
        POSTGRES,
        r -> r.select(Select.from(Film.class).where(RATING.in(List.of(Rating.G, Rating.PG)))),
        "SELECT id, title, rating FROM film WHERE rating = ANY(CAST($1 AS mpaa_rating[]))",
        bind(new String[] {"G", "PG"}, String[].class));
  }

  @Test
  void h2CastsTheBindToTextForItsInlineEnum() {
    rendersOn(
        H2,
        r -> r.select(Select.from(Film.class).where(RATING.eq(Rating.PG_13))),
        "SELECT id, title, rating FROM film WHERE rating = CAST($1 AS CHARACTER VARYING)",
        bind("PG_13", String.class));
  }

  @Test
  void insertsCastTheValueOnPostgres() {
    rendersOn(
        POSTGRES,
        r ->
            r.insert(
                new Insert(
                    Film.class,
                    List.of("title", "rating"),
                    List.of(List.of("Alien", Rating.G)),
                    List.of("id"))),
        "INSERT INTO film (title, rating) VALUES ($1, CAST($2 AS mpaa_rating)) RETURNING id",
        bind("Alien", String.class),
        bind("G", String.class));
  }

  @Test
  void schemaGenerationCreatesTheTypeInDeclaredOrder() {
    List<String> postgres =
        new SchemaGenerator(PostgresDialect.INSTANCE).createTable(MODELS.of(Film.class));
    assertThat(postgres.get(0))
        .isEqualTo(
            "DO $$ BEGIN CREATE TYPE mpaa_rating AS ENUM ('G', 'PG', 'PG_13');"
                + " EXCEPTION WHEN duplicate_object THEN NULL; END $$");
    assertThat(postgres.get(1)).contains("rating mpaa_rating");
    List<String> h2 = new SchemaGenerator(H2Dialect.INSTANCE).createTable(MODELS.of(Film.class));
    assertThat(h2).hasSize(1);
    assertThat(h2.get(0)).contains("rating ENUM('G', 'PG', 'PG_13')");
  }

  record Injected(@Id Long id, @Column(type = "text); DROP TABLE x; --") String note) {}

  @Test
  void aDeclaredTypeMustBeAPlainName() {
    assertThatThrownBy(() -> EntityModels.create().of(Injected.class))
        .isInstanceOf(EntityDefinitionException.class)
        .hasMessageContaining("is not a plain type name");
  }
}
