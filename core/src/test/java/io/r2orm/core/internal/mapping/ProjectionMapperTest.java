package io.r2orm.core.internal.mapping;

import static io.r2orm.core.query.Functions.avg;
import static io.r2orm.core.query.Functions.count;
import static io.r2orm.core.query.Functions.max;
import static io.r2orm.core.query.Functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.annotation.Convert;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.convert.AttributeConverter;
import io.r2orm.core.dialect.PostgresDialect;
import io.r2orm.core.exception.MappingException;
import io.r2orm.core.internal.render.SqlRenderer;
import io.r2orm.core.metadata.EntityModels;
import io.r2orm.core.query.ComparableProperty;
import io.r2orm.core.query.Property;
import io.r2orm.core.query.StringProperty;
import io.r2orm.core.query.Subquery;
import io.r2orm.core.query.TableRef;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Rows of a rendered query read into item values and records, through an array-backed fake row. */
class ProjectionMapperTest {
  private static final SqlRenderer RENDERER =
      new SqlRenderer(PostgresDialect.INSTANCE, EntityModels.create());

  enum Mood {
    CALM,
    LOUD
  }

  record Stars(int value) {}

  static final class StarsConverter implements AttributeConverter<Stars, Integer> {
    @Override
    public Class<Integer> databaseType() {
      return Integer.class;
    }

    @Override
    public Integer toDatabase(Stars value) {
      return value.value();
    }

    @Override
    public Stars fromDatabase(Integer value) {
      return new Stars(value);
    }
  }

  @io.r2orm.core.annotation.Table("song")
  record Song(
      @Id Long id,
      String title,
      Integer millis,
      Mood mood,
      @Convert(StarsConverter.class) Stars stars) {}

  static final ComparableProperty<Song, Long> ID =
      Property.comparable(Song.class, "id", Long.class);
  static final StringProperty<Song> TITLE = Property.string(Song.class, "title");
  static final ComparableProperty<Song, Integer> MILLIS =
      Property.comparable(Song.class, "millis", Integer.class);
  static final ComparableProperty<Song, Mood> MOOD =
      Property.comparable(Song.class, "mood", Mood.class);
  static final Property<Song, Stars> STARS = Property.of(Song.class, "stars", Stars.class);

  private static ProjectionMapper mapper(Subquery q) {
    return ProjectionMapper.of(RENDERER.query(q));
  }

  @Test
  void columnsAreReadThroughTheirConverters() {
    ProjectionMapper m = mapper(Subquery.select(TITLE, MOOD, STARS, max(MOOD)).from(Song.class));
    assertThat(m.read(ArrayRow.of("Blue", "LOUD", 4, "CALM")))
        .containsExactly("Blue", Mood.LOUD, new Stars(4), Mood.CALM);
    assertThat(m.read(ArrayRow.of(null, null, null, null))).containsExactly(null, null, null, null);
  }

  @Test
  void computedNumbersAreConvertedWithoutLossToTheAskedType() {
    ProjectionMapper m =
        mapper(
            Subquery.select(count(), sum(MILLIS), sum(MILLIS).as(Long.class), avg(MILLIS))
                .from(Song.class));
    // H2 reads COUNT as BIGINT, SUM(int) as BIGINT and AVG(int) as DOUBLE; PostgreSQL as bigint,
    // bigint, numeric.
    assertThat(m.read(ArrayRow.of(3L, 7L, 7L, 2.5)))
        .containsExactly(3L, 7, 7L, new BigDecimal("2.5"));
    assertThat(m.read(ArrayRow.of(3L, 7L, 7L, new BigDecimal("2.50"))))
        .containsExactly(3L, 7, 7L, new BigDecimal("2.50"));
  }

  @Test
  void aNumberThatDoesNotFitIsAnErrorSuggestingAWiderType() {
    ProjectionMapper m =
        mapper(Subquery.select(TITLE, sum(MILLIS)).from(Song.class).groupBy(TITLE));
    assertThatThrownBy(() -> m.read(ArrayRow.of("x", 3_000_000_000L)))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "Selected item 2 is 3000000000, which does not fit Integer; read it as a wider type"
                + " (e.g. sum(f).as(Long.class) or BigDecimal)");
  }

  @Test
  void timestampsBetweenTheirJavaForms() {
    ProjectionMapper m =
        mapper(Subquery.select(io.r2orm.core.query.Functions.currentTimestamp()).from(Song.class));
    LocalDateTime local = LocalDateTime.of(2024, 5, 6, 7, 8, 9);
    assertThat(m.read(ArrayRow.of(local))).containsExactly(local.atOffset(ZoneOffset.UTC));
    OffsetDateTime odt = local.atOffset(ZoneOffset.ofHours(2));
    assertThat(m.read(ArrayRow.of(odt))).containsExactly(odt);
  }

  @Test
  void entitiesSpanTheirColumnsAndAMissingOuterJoinRowIsNull() {
    TableRef<Song> other = TableRef.of(Song.class, "other");
    ProjectionMapper m =
        mapper(
            Subquery.select(TableRef.of(Song.class), TITLE, other)
                .leftJoin(other, other.get(ID).eq(ID)));
    Object[] row = m.read(ArrayRow.of(1L, "A", 100, "CALM", 5, "A", null, null, null, null, null));
    assertThat(row).containsExactly(new Song(1L, "A", 100, Mood.CALM, new Stars(5)), "A", null);
    assertThat(m.read(ArrayRow.of(1L, "A", 100, "CALM", 5, "A", 2L, "B", 200, "LOUD", 1))[2])
        .isEqualTo(new Song(2L, "B", 200, Mood.LOUD, new Stars(1)));
  }

  record TitleAndTotal(String title, long total) {}

  /** A DTO class built by its only public constructor. */
  public static final class TitleMood {
    final String title;
    final Mood mood;

    public TitleMood(String title, Mood mood) {
      this.title = title;
      this.mood = mood;
    }
  }

  @Test
  void recordsAndClassesAreBuiltByConstructorWithNumbersWidened() {
    ProjectionMapper m =
        mapper(Subquery.select(TITLE, sum(MILLIS)).from(Song.class).groupBy(TITLE));
    assertThat(m.constructor(TitleAndTotal.class).apply(m.read(ArrayRow.of("x", 9L))))
        .isEqualTo(new TitleAndTotal("x", 9L));
    ProjectionMapper dto = mapper(Subquery.select(TITLE, MOOD).from(Song.class));
    TitleMood built = dto.constructor(TitleMood.class).apply(dto.read(ArrayRow.of("y", "LOUD")));
    assertThat(built.title).isEqualTo("y");
    assertThat(built.mood).isEqualTo(Mood.LOUD);
  }
}
