package io.r2orm.core.internal.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.annotation.Convert;
import io.r2orm.core.annotation.Embedded;
import io.r2orm.core.annotation.EnumType;
import io.r2orm.core.annotation.Enumerated;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Version;
import io.r2orm.core.convert.AttributeConverter;
import io.r2orm.core.exception.MappingException;
import io.r2orm.core.metadata.EntityModels;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Row to entity through an array-backed fake {@link ColumnReader}. */
class EntityMapperTest {
  private static final EntityModels MODELS = EntityModels.create();

  enum Genre {
    SCIENCE_FICTION,
    FANTASY,
    CRIME
  }

  record Money(BigDecimal amount) {}

  static final class MoneyConverter implements AttributeConverter<Money, BigDecimal> {
    @Override
    public Class<BigDecimal> databaseType() {
      return BigDecimal.class;
    }

    @Override
    public BigDecimal toDatabase(Money value) {
      return value.amount();
    }

    @Override
    public Money fromDatabase(BigDecimal value) {
      return new Money(value);
    }
  }

  record Book(
      @Id Long id,
      String title,
      int pages,
      Genre genre,
      @Enumerated(EnumType.ORDINAL) Genre shelf,
      @Convert(MoneyConverter.class) Money price) {}

  static class Base {
    @Id Long id;
    @Version long version;
  }

  static class Member extends Base {
    String fullName;
    String nickname = "none";
    transient String cache = "untouched";
  }

  record Geo(Double lat, Double lon) {}

  record Address(String street, @Embedded(prefix = "geo_") Geo geo) {}

  record Customer(
      @Id Long id,
      @Embedded(prefix = "home_") Address home,
      @Embedded(prefix = "work_") Address work) {}

  static class Point {
    int x;
    int y;
  }

  static class Place {
    @Id Long id;

    @Embedded(prefix = "at_")
    Point at;
  }

  record Scalars(
      @Id Long id, byte level, Byte rank, char grade, Character initial, Instant createdAt) {}

  record Strict(@Id Long id, String name) {
    Strict {
      Objects.requireNonNull(name, "name must not be null");
    }
  }

  private static <T> T map(Class<T> type, Object... values) {
    return new EntityMapper<>(MODELS.of(type)).map(ArrayRow.of(values));
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> assertMappingFails(
      Class<?> type, Object... values) {
    return assertThatThrownBy(() -> map(type, values)).isInstanceOf(MappingException.class);
  }

  @Test
  void mapsARecordConvertingEnumsAndConverterValues() {
    assertThat(map(Book.class, 1L, "Dune", 412, "FANTASY", 2, new BigDecimal("9.99")))
        .isEqualTo(
            new Book(
                1L, "Dune", 412, Genre.FANTASY, Genre.CRIME, new Money(new BigDecimal("9.99"))));
  }

  @Test
  void keepsNullsForBoxedEnumAndConvertedProperties() {
    assertThat(map(Book.class, 1L, null, 0, null, null, null))
        .isEqualTo(new Book(1L, null, 0, null, null, null));
  }

  @Test
  void mapsAClassIncludingSuperclassFields() {
    Member member = map(Member.class, 5L, 3L, "Ada Lovelace", "ada");
    assertThat(member.id).isEqualTo(5L);
    assertThat(member.version).isEqualTo(3L);
    assertThat(member.fullName).isEqualTo("Ada Lovelace");
    assertThat(member.nickname).isEqualTo("ada");
    assertThat(member.cache).as("transient fields are not mapped").isEqualTo("untouched");
  }

  @Test
  void setsNullOverAFieldInitializer() {
    assertThat(map(Member.class, 5L, 3L, "Ada", null).nickname).isNull();
  }

  @Test
  void mapsNestedEmbeddedParts() {
    assertThat(map(Customer.class, 1L, "Main St", 1.5, 2.5, "Dock Rd", null, null))
        .isEqualTo(
            new Customer(
                1L, new Address("Main St", new Geo(1.5, 2.5)), new Address("Dock Rd", null)));
  }

  @Test
  void mapsAnAllNullEmbeddedPartToNull() {
    assertThat(map(Customer.class, 1L, null, null, null, null, null, null))
        .isEqualTo(new Customer(1L, null, null));
    assertThat(map(Customer.class, 1L, null, 1.5, null, null, null, null).home())
        .as("one non-null column is enough")
        .isEqualTo(new Address(null, new Geo(1.5, null)));
  }

  @Test
  void mapsEmbeddedClassParts() {
    Place place = map(Place.class, 1L, 3, 4);
    assertThat(place.at.x).isEqualTo(3);
    assertThat(place.at.y).isEqualTo(4);
    assertThat(map(Place.class, 1L, null, null).at).isNull();
  }

  @Test
  void convertsBytesCharactersAndInstantsFromTheirDriverTypes() {
    OffsetDateTime at = OffsetDateTime.of(2024, 5, 6, 9, 8, 7, 0, ZoneOffset.ofHours(2));
    Scalars s = map(Scalars.class, 1L, (short) 3, (short) -2, "A", "b", at);
    assertThat(s)
        .isEqualTo(
            new Scalars(1L, (byte) 3, (byte) -2, 'A', 'b', Instant.parse("2024-05-06T07:08:07Z")));
  }

  @Test
  void rejectsNullForAPrimitiveNamingColumnPropertyAndFix() {
    assertMappingFails(Book.class, 1L, "Dune", null, "FANTASY", 0, null)
        .hasMessage(
            "Column pages is NULL but Book.pages is primitive; make the property a boxed type or the column NOT NULL");
    assertMappingFails(Place.class, 1L, 3, null)
        .hasMessageContaining("Column at_y is NULL but Place.at.y is primitive");
  }

  @Test
  void rejectsAnUnknownEnumNameNamingTheColumn() {
    assertMappingFails(Book.class, 1L, "Dune", 1, "POETRY", 0, null)
        .hasMessageContainingAll("Column genre for Book.genre", "POETRY", "property's type Genre");
  }

  @Test
  void rejectsAnOrdinalOutOfRange() {
    assertMappingFails(Book.class, 1L, "Dune", 1, "CRIME", 7, null)
        .hasMessageContainingAll("Column shelf for Book.shelf", "ordinal 7");
  }

  @Test
  void rejectsTextLongerThanOneCharacterForACharacter() {
    assertMappingFails(Scalars.class, 1L, (short) 1, null, "AB", null, null)
        .hasMessageContainingAll("Column grade for Scalars.grade", "\"AB\"");
  }

  @Test
  void reportsAValueTheDriverCannotReadAsTheColumnType() {
    assertMappingFails(Book.class, 1, "Dune", 1, null, null, null)
        .hasMessageContaining("Column id for Book.id cannot be read as Long");
  }

  @Test
  void wrapsAConstructorFailure() {
    assertMappingFails(Strict.class, 1L, null)
        .hasMessageContainingAll(
            "Cannot create " + Strict.class.getName(), "name must not be null");
  }
}
