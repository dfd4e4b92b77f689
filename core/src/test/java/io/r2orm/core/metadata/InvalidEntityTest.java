package io.r2orm.core.metadata;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Convert;
import io.r2orm.core.annotation.Embedded;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.IdGeneration;
import io.r2orm.core.annotation.Index;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Transient;
import io.r2orm.core.annotation.Version;
import io.r2orm.core.convert.AttributeConverter;
import io.r2orm.core.exception.EntityDefinitionException;
import java.math.BigDecimal;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Mappings rejected when the model is built, each naming the class, the property and the fix. */
class InvalidEntityTest {

  private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(Class<?> type) {
    return assertThatThrownBy(() -> EntityModels.create().of(type))
        .isInstanceOf(EntityDefinitionException.class)
        .hasMessageStartingWith("Cannot map " + type.getName() + ": ");
  }

  record NoId(Long id, String title) {}

  record TwoIds(@Id Long id, @Id Long otherId) {}

  record SameColumn(@Id Long id, String title, @Column("TITLE") String heading) {}

  record Address(String street, String city) {}

  record PrefixClash(@Id Long id, String homeStreet, @Embedded(prefix = "home_") Address home) {}

  record WithList(@Id Long id, List<Object> tags) {}

  static class WithObject {
    @Id Long id;
    Object payload;
  }

  record TransientComponent(@Id Long id, @Transient String cache) {}

  record IdentityString(@Id(generation = IdGeneration.IDENTITY) String code) {}

  record UuidLong(@Id(generation = IdGeneration.UUID) Long id) {}

  record StringVersion(@Id Long id, @Version String version) {}

  record Place(String city, String zip) {}

  record TwoPlaces(
      @Id Long id,
      @io.r2orm.core.annotation.Embedded Place home,
      @io.r2orm.core.annotation.Embedded Place work) {}

  record UnwrittenId(@Id @io.r2orm.core.annotation.Column(insertable = false) Long id) {}

  record FrozenVersion(
      @Id Long id, @Version @io.r2orm.core.annotation.Column(updatable = false) int version) {}

  static class FinalField {
    @Id Long id;
    final String title = "x";
  }

  static class NoDefaultConstructor {
    @Id Long id;

    NoDefaultConstructor(Long id) {
      this.id = id;
    }
  }

  abstract static class AbstractEntity {
    @Id Long id;
  }

  interface InterfaceEntity {}

  class InnerEntity {
    @Id Long id;
  }

  record Money(BigDecimal amount) {}

  static final class ScaledConverter implements AttributeConverter<Money, BigDecimal> {
    ScaledConverter(int scale) {}

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

  static final class BuilderConverter implements AttributeConverter<Money, StringBuilder> {
    @Override
    public Class<StringBuilder> databaseType() {
      return StringBuilder.class;
    }

    @Override
    public StringBuilder toDatabase(Money value) {
      return new StringBuilder();
    }

    @Override
    public Money fromDatabase(StringBuilder value) {
      return null;
    }
  }

  record NoArgLessConverter(@Id Long id, @Convert(ScaledConverter.class) Money price) {}

  record UnknownDatabaseType(@Id Long id, @Convert(BuilderConverter.class) Money price) {}

  @Table(indexes = @Index(properties = "nope"))
  record UnknownIndexProperty(@Id Long id, String title) {}

  record TooLongName(
      @Id Long id,
      @Column("c234567890123456789012345678901234567890123456789012345678901234") String x) {}

  @Test
  void needsAnId() {
    assertInvalid(NoId.class)
        .hasMessageContainingAll("no property is annotated with @Id", "`@Id Long id`");
  }

  @Test
  void acceptsOnlyOneId() {
    assertInvalid(TwoIds.class)
        .hasMessageContainingAll(
            "both 'id' and 'otherId' are annotated with @Id",
            "a key made of several columns is one @Id @Embedded record");
  }

  @Test
  void rejectsTwoPropertiesOnOneColumnIgnoringCase() {
    assertInvalid(SameColumn.class)
        .hasMessageContainingAll(
            "properties 'title' and 'heading' both map to column TITLE", "@Column(\"...\")");
  }

  @Test
  void rejectsAColumnClashThroughAnEmbeddedPrefix() {
    assertInvalid(PrefixClash.class)
        .hasMessageContainingAll(
            "properties 'homeStreet' and 'home.street' both map to column home_street");
  }

  @Test
  void rejectsUnsupportedTypesListingTheFixes() {
    assertInvalid(WithList.class)
        .hasMessageContainingAll(
            "property 'tags' has type java.util.List", "add @Convert", "@Embedded", "String")
        .hasMessageNotContaining("@Transient");
    assertInvalid(WithObject.class)
        .hasMessageContainingAll(
            "property 'payload' has type java.lang.Object",
            "@Convert",
            "mark the field @Transient");
  }

  @Test
  void rejectsATransientRecordComponent() {
    assertInvalid(TransientComponent.class)
        .hasMessageContainingAll(
            "record component 'cache' is @Transient",
            "remove the component or turn the entity into a class");
  }

  @Test
  void rejectsIdentityOnANonIntegerId() {
    assertInvalid(IdentityString.class)
        .hasMessageContainingAll(
            "@Id 'code' uses IDENTITY generation but is a String", "use ASSIGNED or UUID");
  }

  @Test
  void rejectsUuidGenerationOnANonUuidId() {
    assertInvalid(UuidLong.class)
        .hasMessageContainingAll("@Id 'id' uses UUID generation but is a Long", "java.util.UUID");
  }

  @Test
  void rejectsAVersionThatIsNeitherACounterNorATimestamp() {
    assertInvalid(StringVersion.class)
        .hasMessageContainingAll(
            "@Version 'version' is a String",
            "int, long, Integer, Long, Instant, OffsetDateTime or LocalDateTime");
  }

  @Test
  void twoEmbeddedPartsOfOneTypeAreToldToUseAPrefix() {
    assertInvalid(TwoPlaces.class)
        .hasMessageContainingAll(
            "'home.city' and 'work.city' both map to column city",
            "@Embedded(prefix = \"work_\") on 'work'")
        .hasMessageNotContaining("@Column");
  }

  @Test
  void rejectsAnIdOrVersionThatIsNotWritten() {
    assertInvalid(UnwrittenId.class)
        .hasMessageContainingAll("@Id 'id' is marked insertable = false", "IdGeneration.IDENTITY");
    assertInvalid(FrozenVersion.class)
        .hasMessageContainingAll("@Version 'version' is marked", "remove those attributes");
  }

  @Test
  void rejectsFinalFields() {
    assertInvalid(FinalField.class)
        .hasMessageContainingAll(
            "field 'title' is final",
            "make it non-final, mark it @Transient, or make the entity a record");
  }

  @Test
  void needsANoArgumentConstructor() {
    assertInvalid(NoDefaultConstructor.class)
        .hasMessageContainingAll(
            "has no no-argument constructor", "add one (it may be private) or make it a record");
  }

  @Test
  void rejectsAbstractClassesInterfacesAndInnerClasses() {
    assertInvalid(AbstractEntity.class)
        .hasMessageContaining("an entity must be a record or a concrete class");
    assertInvalid(InterfaceEntity.class)
        .hasMessageContaining("an entity must be a record or a concrete class");
    assertInvalid(InnerEntity.class)
        .hasMessageContaining("is an inner class; make it a static nested or top-level class");
  }

  @Test
  void needsAConverterThatCanBeCreated() {
    assertInvalid(NoArgLessConverter.class)
        .hasMessageContainingAll(
            ScaledConverter.class.getName(), "'price'", "give it a public no-argument constructor");
  }

  @Test
  void needsAConverterToABuiltInType() {
    assertInvalid(UnknownDatabaseType.class)
        .hasMessageContainingAll(
            "property 'price'",
            BuilderConverter.class.getName(),
            "declares database type java.lang.StringBuilder, which is not a built-in type",
            "use one of [",
            "BigDecimal");
  }

  @Test
  void rejectsAnIndexOverAnUnmappedProperty() {
    assertInvalid(UnknownIndexProperty.class)
        .hasMessageContainingAll("@Index names property 'nope'", "known properties: [id, title]");
  }

  @Test
  void rejectsNamesOverSixtyThreeCharacters() {
    assertInvalid(TooLongName.class)
        .hasMessageContainingAll("column of property 'x'", "1 to 63 characters");
  }

  record PairKey(Long leftId, Long rightId) {}

  static final class KeyClass {
    Long left;
  }

  record CompositeOfClass(@Id @Embedded KeyClass id, String name) {}

  record CompositeGenerated(
      @Id(generation = IdGeneration.IDENTITY) @Embedded PairKey id, String name) {}

  record CompositeAndId(@Id @Embedded PairKey key, @Id Long id) {}

  record NestedInKey(@Id @Embedded OuterKey id) {}

  record OuterKey(Long a, @Embedded PairKey inner) {}

  record Target(@Id Long id) {}

  record RelationBeforeKey(
      @io.r2orm.core.annotation.ManyToOne io.r2orm.core.query.Ref<Target> left,
      @Id @Embedded PairKey id) {}

  @Test
  void aCompositeKeyIsARecordOfPlainColumnsThatTheApplicationAssigns() {
    assertInvalid(CompositeOfClass.class)
        .hasMessageContainingAll("composite key 'id'", "a composite key must be a record");
    assertInvalid(CompositeGenerated.class)
        .hasMessageContainingAll("asks for IDENTITY generation", "assigned by the application");
    assertInvalid(CompositeAndId.class)
        .hasMessageContainingAll("both 'the composite key' and 'id' are annotated with @Id");
    assertInvalid(NestedInKey.class)
        .hasMessageContainingAll("composite key part 'id.inner' is @Embedded", "plain columns");
    assertInvalid(RelationBeforeKey.class)
        .hasMessageContainingAll(
            "relation 'left' and composite key part 'id.leftId' both map to column left_id",
            "declare the @Id before the relation");
  }
}
