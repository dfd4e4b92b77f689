package io.r2orm.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Embedded;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.IdGeneration;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Transient;
import io.r2orm.core.annotation.Version;
import io.r2orm.core.convert.AttributeConverter;
import io.r2orm.core.convert.SqlType;
import io.r2orm.core.exception.EntityDefinitionException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Valid mappings: what the model holds for records and classes. Invalid ones are in {@link
 * InvalidEntityTest}.
 */
class EntityModelTest {
  private final EntityModels models = EntityModels.create();

  @Table("books")
  record Book(
      @Id Long id,
      String title,
      @Column("published") LocalDate publishedOn,
      @Version Integer version) {}

  static class Base {
    @Id Long id;
    @Version long version;
  }

  static class Member extends Base {
    static int instances;
    String fullName;
    transient String cache;
    @Transient String display;
  }

  record PublishedBook(@Id Long id, String publishedOn, String ISBNCode) {}

  record Geo(Double lat, Double lon) {}

  record Address(String street, @Embedded(prefix = "geo_") Geo geo) {}

  record Customer(
      @Id Long id,
      @Embedded(prefix = "home_") Address home,
      @Embedded(prefix = "work_") Address work) {}

  record Plain(@Id Long id, @Embedded Address address) {}

  record Street(@Column("street_name") String name, Integer number) {}

  record Shipment(@Id Long id, @Embedded(prefix = "from_") Street from) {}

  record TwoStreets(
      @Id Long id, @Embedded(prefix = "from_") Street from, @Embedded(prefix = "to_") Street to) {}

  record Money(BigDecimal amount) {}

  record Invoice(@Id Long id, Money total) {}

  private static List<String> paths(EntityModel<?> model) {
    return model.columns().stream().map(ColumnModel::path).toList();
  }

  private static List<String> names(EntityModel<?> model) {
    return model.columns().stream().map(c -> c.name().name()).toList();
  }

  @Test
  void mapsARecordInComponentOrder() {
    EntityModel<Book> model = models.of(Book.class);
    assertThat(model.type()).isEqualTo(Book.class);
    assertThat(model.table().name()).isEqualTo("books");
    assertThat(model.schema()).isEmpty();
    assertThat(paths(model)).containsExactly("id", "title", "publishedOn", "version");
    assertThat(names(model)).containsExactly("id", "title", "published", "version");
    assertThat(model.id().path()).isEqualTo("id");
    assertThat(model.version()).map(ColumnModel::path).contains("version");
    assertThat(model.column("publishedOn").valueType().sqlType()).isEqualTo(SqlType.DATE);
  }

  @Test
  void derivesNullabilityFromTheIdVersionAndPrimitives() {
    EntityModel<Book> book = models.of(Book.class);
    assertThat(book.column("id").nullable()).isFalse();
    assertThat(book.column("version").nullable()).isFalse();
    assertThat(book.column("title").nullable()).isTrue();
    assertThat(models.of(Member.class).column("version").nullable()).as("primitive").isFalse();
  }

  @Test
  void mapsAClassWithItsSuperclassSkippingStaticTransientAndTransientAnnotatedFields() {
    EntityModel<Member> model = models.of(Member.class);
    assertThat(model.table().name()).isEqualTo("member");
    assertThat(paths(model)).containsExactly("id", "version", "fullName");
    assertThat(names(model)).containsExactly("id", "version", "full_name");
    assertThat(model.hasColumn("cache")).isFalse();
    assertThat(model.hasColumn("display")).isFalse();
    assertThat(model.hasColumn("instances")).isFalse();
  }

  @Test
  void readsValuesInColumnOrder() {
    Member member = new Member();
    member.id = 3L;
    member.version = 2L;
    member.fullName = "Ada";
    assertThat(models.of(Member.class).values(member)).containsExactly(3L, 2L, "Ada");
    assertThat(models.of(Member.class).versionValue(member)).isEqualTo(2L);
  }

  @Test
  void cachesOneModelPerClass() {
    assertThat(models.of(Book.class)).isSameAs(models.of(Book.class));
    assertThat(EntityModels.create().of(Book.class)).isNotSameAs(models.of(Book.class));
  }

  @Test
  void usesAConverterRegisteredForAType() {
    AttributeConverter<Money, BigDecimal> converter =
        new AttributeConverter<>() {
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
        };
    EntityModel<Invoice> model =
        EntityModels.builder().converter(Money.class, converter).build().of(Invoice.class);
    ColumnModel total = model.column("total");
    assertThat(total.databaseType()).isEqualTo(BigDecimal.class);
    assertThat(total.valueType().sqlType()).isEqualTo(SqlType.DECIMAL);
    assertThat(total.databaseValue(new Invoice(1L, new Money(BigDecimal.TEN))))
        .isEqualTo(BigDecimal.TEN);
  }

  @Nested
  class Naming {
    private final NamingStrategy upper =
        new NamingStrategy() {
          @Override
          public String tableName(Class<?> entity) {
            return "T_" + entity.getSimpleName().toUpperCase();
          }

          @Override
          public String columnName(String property) {
            return property.toUpperCase();
          }
        };

    @Test
    void snakeCasesByDefault() {
      EntityModel<PublishedBook> model = models.of(PublishedBook.class);
      assertThat(model.table().name()).isEqualTo("published_book");
      assertThat(names(model)).containsExactly("id", "published_on", "isbn_code");
    }

    @Test
    void usesACustomStrategyWhereAnnotationsGiveNoName() {
      EntityModels custom = EntityModels.builder().namingStrategy(upper).build();
      assertThat(custom.of(PublishedBook.class).table().name()).isEqualTo("T_PUBLISHEDBOOK");
      assertThat(names(custom.of(PublishedBook.class)))
          .containsExactly("ID", "PUBLISHEDON", "ISBNCODE");
      assertThat(custom.of(Book.class).table().name()).as("@Table wins").isEqualTo("books");
      assertThat(names(custom.of(Book.class)))
          .as("@Column wins")
          .containsExactly("ID", "TITLE", "published", "VERSION");
    }

    @Test
    void keepsJavaNamesAsIs() {
      EntityModels asIs = EntityModels.builder().namingStrategy(NamingStrategy.AS_IS).build();
      assertThat(asIs.of(PublishedBook.class).table().name()).isEqualTo("PublishedBook");
      assertThat(names(asIs.of(PublishedBook.class)))
          .containsExactly("id", "publishedOn", "ISBNCode");
    }

    @ParameterizedTest
    @CsvSource({
      "title, title",
      "publishedOn, published_on",
      "ISBNCode, isbn_code",
      "isbnCode, isbn_code",
      "bookID, book_id",
      "URL, url",
      "line2, line2",
      "line2Street, line2_street",
      "already_snake, already_snake",
      "with_Upper, with_upper",
      "BookReview, book_review",
    })
    void snakeCase(String java, String column) {
      assertThat(NamingStrategy.SNAKE_CASE.columnName(java)).isEqualTo(column);
    }
  }

  @Nested
  class EmbeddedParts {
    @Test
    void prefixesColumnsOfNestedPartsAtEveryLevel() {
      EntityModel<Customer> model = models.of(Customer.class);
      assertThat(paths(model))
          .containsExactly(
              "id",
              "home.street",
              "home.geo.lat",
              "home.geo.lon",
              "work.street",
              "work.geo.lat",
              "work.geo.lon");
      assertThat(names(model))
          .containsExactly(
              "id",
              "home_street",
              "home_geo_lat",
              "home_geo_lon",
              "work_street",
              "work_geo_lat",
              "work_geo_lon");
    }

    @Test
    void usesPartNamesAsTheyAreWithoutPrefix() {
      assertThat(names(models.of(Plain.class)))
          .containsExactly("id", "street", "geo_lat", "geo_lon");
    }

    /** Current behaviour (debatable): an explicit @Column name inside a part is not prefixed. */
    @Test
    void leavesExplicitColumnNamesInsidePartsUnprefixed() {
      assertThat(names(models.of(Shipment.class)))
          .containsExactly("id", "street_name", "from_number");
      assertThatThrownBy(() -> models.of(TwoStreets.class))
          .isInstanceOf(EntityDefinitionException.class)
          .hasMessageContaining(
              "properties 'from.name' and 'to.name' both map to column street_name");
    }

    @Test
    void readsThroughPartsAndYieldsNullWhenAPartIsNull() {
      EntityModel<Customer> model = models.of(Customer.class);
      Customer customer = new Customer(1L, new Address("Main St", new Geo(1.5, 2.5)), null);
      assertThat(model.column("home.geo.lon").getter().apply(customer)).isEqualTo(2.5);
      assertThat(model.column("work.street").getter().apply(customer)).isNull();
      assertThat(model.column("work.geo.lat").databaseValue(customer)).isNull();
      assertThat(model.values(customer)).containsExactly(1L, "Main St", 1.5, 2.5, null, null, null);
    }
  }

  @Nested
  class Ids {
    record LongId(@Id Long id) {}

    record PrimitiveLongId(@Id long id) {}

    record IntegerId(@Id Integer id) {}

    record IntId(@Id int id) {}

    record StringId(@Id String code) {}

    record AssignedUuid(@Id UUID id) {}

    record GeneratedUuid(@Id(generation = IdGeneration.UUID) UUID id) {}

    record AssignedLong(@Id(generation = IdGeneration.ASSIGNED) Long id) {}

    record Isbn(@Id String isbn, @Version Integer version) {}

    @Test
    void resolvesAutoToIdentityForIntegersAndAssignedOtherwise() {
      assertThat(models.of(LongId.class).idGeneration()).isEqualTo(IdGeneration.IDENTITY);
      assertThat(models.of(PrimitiveLongId.class).idGeneration()).isEqualTo(IdGeneration.IDENTITY);
      assertThat(models.of(IntegerId.class).idGeneration()).isEqualTo(IdGeneration.IDENTITY);
      assertThat(models.of(IntId.class).idGeneration()).isEqualTo(IdGeneration.IDENTITY);
      assertThat(models.of(StringId.class).idGeneration()).isEqualTo(IdGeneration.ASSIGNED);
      assertThat(models.of(AssignedUuid.class).idGeneration()).isEqualTo(IdGeneration.ASSIGNED);
    }

    @Test
    void keepsExplicitStrategies() {
      assertThat(models.of(GeneratedUuid.class).idGeneration()).isEqualTo(IdGeneration.UUID);
      assertThat(models.of(AssignedLong.class).idGeneration()).isEqualTo(IdGeneration.ASSIGNED);
    }

    @Test
    void identityEntitiesAreNewWithoutAnId() {
      assertThat(models.of(LongId.class).isNew(new LongId(null))).contains(true);
      assertThat(models.of(LongId.class).isNew(new LongId(0L))).contains(true);
      assertThat(models.of(LongId.class).isNew(new LongId(5L))).contains(false);
      assertThat(models.of(PrimitiveLongId.class).isNew(new PrimitiveLongId(0))).contains(true);
      assertThat(models.of(IntId.class).isNew(new IntId(3))).contains(false);
    }

    @Test
    void assignedEntitiesAreNewByTheirVersion() {
      EntityModel<Isbn> model = models.of(Isbn.class);
      assertThat(model.isNew(new Isbn("978", null))).contains(true);
      assertThat(model.isNew(new Isbn("978", 0))).contains(true);
      assertThat(model.isNew(new Isbn("978", 2))).contains(false);
      assertThat(model.isNew(new Isbn(null, 2))).as("no id yet").contains(true);
    }

    @Test
    void assignedEntitiesWithoutVersionCannotTell() {
      assertThat(models.of(StringId.class).isNew(new StringId("x"))).isEqualTo(Optional.empty());
      assertThat(models.of(AssignedLong.class).isNew(new AssignedLong(0L)))
          .as("0 is unset")
          .contains(true);
    }

    @Test
    void drawsAClientUuidOnlyWhenMissing() {
      EntityModel<GeneratedUuid> model = models.of(GeneratedUuid.class);
      assertThat(model.isNew(new GeneratedUuid(null))).contains(true);
      assertThat(model.newClientId(new GeneratedUuid(null))).isInstanceOf(UUID.class);
      assertThat(model.newClientId(new GeneratedUuid(UUID.randomUUID()))).isNull();
      assertThat(models.of(AssignedUuid.class).newClientId(new AssignedUuid(null))).isNull();
    }
  }

  @Nested
  class With {
    @Test
    void copiesRecordsLeavingTheOriginalUnchanged() {
      EntityModel<Book> model = models.of(Book.class);
      Book original = new Book(null, "Dune", LocalDate.of(1965, 8, 1), null);
      Book saved = model.with(original, 7L, 1);
      assertThat(saved).isEqualTo(new Book(7L, "Dune", LocalDate.of(1965, 8, 1), 1));
      assertThat(original.id()).isNull();
      assertThat(model.with(saved, null, 2))
          .isEqualTo(new Book(7L, "Dune", LocalDate.of(1965, 8, 1), 2));
    }

    @Test
    void setsFieldsOfClassesInPlace() {
      EntityModel<Member> model = models.of(Member.class);
      Member member = new Member();
      member.fullName = "Ada";
      Member saved = model.with(member, 9L, 4L);
      assertThat(saved).isSameAs(member);
      assertThat(member.id).isEqualTo(9L);
      assertThat(member.version).isEqualTo(4L);
      model.with(member, null, 5L);
      assertThat(member.id).as("null keeps the id").isEqualTo(9L);
      assertThat(member.version).isEqualTo(5L);
    }
  }
}
