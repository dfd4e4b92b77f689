package io.r2orm.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Embedded;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.OneToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.exception.EntityDefinitionException;
import io.r2orm.core.query.Ref;
import java.util.List;
import java.util.Set;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/**
 * Relation mappings rejected when the model is built, each naming the class, the property and the
 * fix.
 */
class InvalidRelationTest {

  private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(Class<?> type) {
    return assertThatThrownBy(() -> EntityModels.create().of(type))
        .isInstanceOf(EntityDefinitionException.class)
        .hasMessageStartingWith("Cannot map " + type.getName() + ": ");
  }

  @Table("author")
  record Author(@Id Long id, String name) {}

  @Table("child")
  record Child(@Id Long id, String name, @ManyToOne Ref<Parent> parent) {}

  @Table("parent")
  record Parent(@Id Long id, @OneToMany(mappedBy = "parent") List<Child> children) {}

  @Table("label")
  record Label(@Id Long id, String text) {}

  record NotARef(@Id Long id, @ManyToOne Author author) {}

  @SuppressWarnings("rawtypes")
  record RawRef(@Id Long id, @ManyToOne Ref author) {}

  record WildcardRef(@Id Long id, @OneToOne Ref<?> author) {}

  record NotAList(@Id Long id, @OneToMany(mappedBy = "parent") Set<Child> children) {}

  record ManyToManyRef(
      @Id Long id,
      @ManyToMany(joinTable = "l", joinColumn = "a", inverseJoinColumn = "b") Ref<Label> label) {}

  record EmptyMappedBy(@Id Long id, @OneToMany(mappedBy = "") List<Child> children) {}

  record EmptyInverseMappedBy(@Id Long id, @OneToOne(mappedBy = " ") Ref<Child> child) {}

  record UnknownMappedBy(@Id Long id, @OneToMany(mappedBy = "owner") List<Child> children) {}

  record NoJoinTable(
      @Id Long id,
      @ManyToMany(joinTable = "", joinColumn = "owner_id", inverseJoinColumn = "label_id")
          List<Label> labels) {}

  record NoInverseJoinColumn(
      @Id Long id,
      @ManyToMany(joinTable = "owner_label", joinColumn = "owner_id", inverseJoinColumn = "")
          List<Label> labels) {}

  record IdsWithoutTarget(
      @Id Long id,
      @ManyToMany(
              joinTable = "owner_label",
              joinColumn = "owner_id",
              inverseJoinColumn = "label_id")
          List<Long> labelIds) {}

  record IdsOfTheWrongType(
      @Id Long id,
      @ManyToMany(
              joinTable = "owner_label",
              joinColumn = "owner_id",
              inverseJoinColumn = "label_id",
              target = Label.class)
          List<String> labelIds) {}

  record OrderByUnknownProperty(
      @Id Long id, @OneToMany(mappedBy = "parent", orderBy = "nope") List<Child> children) {}

  record OrderByBadDirection(
      @Id Long id, @OneToMany(mappedBy = "parent", orderBy = "name UP") List<Child> children) {}

  record OrderByTooManyWords(
      @Id Long id,
      @ManyToMany(
              joinTable = "owner_label",
              joinColumn = "owner_id",
              inverseJoinColumn = "label_id",
              orderBy = "text ASC NULLS FIRST")
          List<Label> labels) {}

  record Part(String note, @ManyToOne Ref<Author> author) {}

  record RelationInEmbedded(@Id Long id, @Embedded Part part) {}

  record RelationAsId(@Id @ManyToOne Ref<Author> author) {}

  record RelationWithColumn(@Id Long id, @Column("writer") @ManyToOne Ref<Author> author) {}

  record TwoRelationAnnotations(@Id Long id, @ManyToOne @OneToOne Ref<Author> author) {}

  record NoIdTarget(Long code, String name) {}

  record ToOneWithoutTargetId(@Id Long id, @ManyToOne Ref<NoIdTarget> target) {}

  record ToManyWithoutTargetId(
      @Id Long id, @OneToMany(mappedBy = "code") List<NoIdTarget> targets) {}

  record ManyToManyWithoutTargetId(
      @Id Long id,
      @ManyToMany(
              joinTable = "owner_target",
              joinColumn = "owner_id",
              inverseJoinColumn = "target_id")
          List<NoIdTarget> targets) {}

  record PlainColumnFirst(@Id Long id, Long authorId, @ManyToOne Ref<Author> author) {}

  record RelationFirst(@Id Long id, @ManyToOne Ref<Author> author, Long authorId) {}

  record ExplicitColumnClash(
      @Id Long id, String editor, @ManyToOne(column = "EDITOR") Ref<Author> author) {}

  record MappedByNonKey(@Id Long id, @OneToMany(mappedBy = "name") List<Child> children) {}

  record MappedByOtherEntitysKey(
      @Id Long id, @OneToMany(mappedBy = "parent") List<Child> children) {}

  record RefWithoutAnnotation(@Id Long id, Ref<Author> author) {}

  @Test
  void rejectsAToOneThatIsNotARef() {
    assertInvalid(NotARef.class)
        .hasMessageContainingAll(
            "relation 'author' must be declared as Ref<Target> (e.g. Ref<Author>), not "
                + Author.class.getName());
  }

  @Test
  void rejectsARawOrWildcardRef() {
    assertInvalid(RawRef.class)
        .hasMessageContainingAll(
            "relation 'author' must be declared as Ref<Target>", "not io.r2orm.core.query.Ref");
    assertInvalid(WildcardRef.class)
        .hasMessageContainingAll(
            "relation 'author' must be declared as Ref<Target>", "not io.r2orm.core.query.Ref<?>");
  }

  @Test
  void rejectsAToManyThatIsNotAList() {
    assertInvalid(NotAList.class)
        .hasMessageContainingAll(
            "relation 'children' must be declared as List<Target> (e.g. List<Book>), not java.util.Set<");
    assertInvalid(ManyToManyRef.class)
        .hasMessageContainingAll(
            "relation 'label' must be declared as List<Target>", "not io.r2orm.core.query.Ref<");
  }

  @Test
  void needsMappedByOnTheInverseSide() {
    assertInvalid(EmptyMappedBy.class)
        .hasMessageContaining(
            "relation 'children' needs mappedBy: the target's property that holds the foreign key");
    assertInvalid(EmptyInverseMappedBy.class)
        .hasMessageContaining("relation 'child' needs mappedBy");
  }

  @Test
  void rejectsMappedByNamingAnUnknownPropertyListingTheKnownOnes() {
    assertInvalid(UnknownMappedBy.class)
        .hasMessageContaining(
            "relation 'children' has mappedBy = \"owner\", but Child has no such key property; known properties:"
                + " [id, name, parent]");
  }

  @Test
  void needsTheJoinTableAndBothJoinColumns() {
    assertInvalid(NoJoinTable.class)
        .hasMessageContaining(
            "@ManyToMany 'labels' needs joinTable, joinColumn and inverseJoinColumn");
    assertInvalid(NoInverseJoinColumn.class)
        .hasMessageContaining(
            "@ManyToMany 'labels' needs joinTable, joinColumn and inverseJoinColumn");
  }

  @Test
  void needsTheTargetOfAListOfIds() {
    assertInvalid(IdsWithoutTarget.class)
        .hasMessageContaining(
            "@ManyToMany 'labelIds' holds Long, which is not an entity; for a list of ids name the entity with"
                + " target = X.class");
  }

  @Test
  void needsIdsOfTheTargetIdType() {
    assertInvalid(IdsOfTheWrongType.class)
        .hasMessageContainingAll(
            "relation 'labelIds' holds String ids, but the id of Label is a Long",
            "declare it as List<Long>");
  }

  @Test
  void rejectsAnOrderByAnUnknownProperty() {
    assertInvalid(OrderByUnknownProperty.class)
        .hasMessageContaining(
            "orderBy of relation 'children': Child has no mapped property 'nope'; known properties: [id, name, parent]");
  }

  @Test
  void rejectsAnOrderWithABadDirectionOrShape() {
    assertInvalid(OrderByBadDirection.class)
        .hasMessageContaining("orderBy of 'children' has direction 'UP'; use ASC or DESC");
    assertInvalid(OrderByTooManyWords.class)
        .hasMessageContaining(
            "orderBy of 'labels' must look like \"property [ASC|DESC], …\", got \"text ASC NULLS FIRST\"");
  }

  @Test
  void rejectsARelationInsideAnEmbeddedPart() {
    assertInvalid(RelationInEmbedded.class)
        .hasMessageContaining(
            "relation 'part.author' is inside an embedded part; relations are only allowed on the entity itself");
  }

  @Test
  void rejectsARelationThatIsAlsoAnIdOrAColumn() {
    assertInvalid(RelationAsId.class)
        .hasMessageContaining(
            "relation 'author' cannot also be @Id, @Version or @Column; name its key column in the relation annotation");
    assertInvalid(RelationWithColumn.class)
        .hasMessageContaining("relation 'author' cannot also be @Id, @Version or @Column");
  }

  @Test
  void acceptsOneRelationAnnotationPerProperty() {
    assertInvalid(TwoRelationAnnotations.class)
        .hasMessageContaining("property 'author' has more than one relation annotation; keep one");
  }

  @Test
  void needsATargetWithAnId() {
    assertInvalid(ToOneWithoutTargetId.class)
        .hasMessageContainingAll(
            "relation 'target': target " + NoIdTarget.class.getName() + " has no @Id",
            "the target must be an entity with an @Id");
    assertInvalid(ToManyWithoutTargetId.class)
        .hasMessageContainingAll(
            "relation 'targets' targets "
                + NoIdTarget.class.getName()
                + ", which cannot be mapped: Cannot map "
                + NoIdTarget.class.getName()
                + ": no property is annotated with @Id");
    assertInvalid(ManyToManyWithoutTargetId.class)
        .hasMessageContaining("@ManyToMany 'targets' holds NoIdTarget, which is not an entity");
  }

  @Test
  void rejectsAKeyColumnThatAPlainPropertyAlsoMaps() {
    assertInvalid(PlainColumnFirst.class)
        .hasMessageContaining(
            "relation 'author' and property 'authorId' both map to column author_id; a to-one relation owns its key"
                + " column, so remove the plain property or rename the column");
    assertInvalid(ExplicitColumnClash.class)
        .hasMessageContaining("relation 'author' and property 'editor' both map to column EDITOR");
  }

  /**
   * Pinned: when the relation comes first, the plain property's check reports the clash, with its
   * own fix.
   */
  @Test
  void reportsAClashAfterTheRelationAsTwoProperties() {
    assertInvalid(RelationFirst.class)
        .hasMessageContaining(
            "properties 'author' and 'authorId' both map to column author_id; give one of them another name with"
                + " @Column(\"...\")");
  }

  /**
   * Pinned: mappedBy is only checked to name a column of the target, not a key referring to the
   * owner: a plain text column, or a Ref to another entity, is accepted here.
   */
  @Test
  void acceptsMappedByNamingAnyColumnOfTheTarget() {
    EntityModels models = EntityModels.create();
    assertThat(models.of(MappedByNonKey.class).relation("children").mappedBy()).isEqualTo("name");
    assertThat(models.of(MappedByOtherEntitysKey.class).relation("children").mappedBy())
        .isEqualTo("parent");
  }

  /** Pinned: a Ref without a relation annotation is reported as an unsupported column type. */
  @Test
  void reportsARefWithoutRelationAnnotationAsAnUnsupportedType() {
    assertInvalid(RefWithoutAnnotation.class)
        .hasMessageContaining(
            "property 'author' has type io.r2orm.core.query.Ref, which r2orm cannot store");
  }

  @Test
  void keepsRejectingAnEntityWhoseRelationsFailValidation() {
    EntityModels models = EntityModels.create();
    assertThatThrownBy(() -> models.of(UnknownMappedBy.class))
        .isInstanceOf(EntityDefinitionException.class);
    assertThatThrownBy(() -> models.of(UnknownMappedBy.class))
        .isInstanceOf(EntityDefinitionException.class);
    assertThat(models.of(Parent.class).relation("children").mappedBy()).isEqualTo("parent");
  }

  /**
   * A model is published only once its relations are validated (issue #14): threads asking for an
   * invalid entity at the same moment all get the error, none gets the model (before, a thread
   * could find it in the cache between its publication and its removal after the failed
   * validation).
   */
  @Test
  void concurrentCallersNeverSeeAModelThatFailsValidation() throws Exception {
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(8);
    try {
      for (int round = 0; round < 300; round++) {
        EntityModels models = EntityModels.create();
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(8);
        List<java.util.concurrent.Future<Object>> calls = new java.util.ArrayList<>();
        for (int t = 0; t < 8; t++) {
          calls.add(
              pool.submit(
                  () -> {
                    start.await();
                    try {
                      return models.of(UnknownMappedBy.class);
                    } catch (EntityDefinitionException e) {
                      return e;
                    }
                  }));
        }
        for (java.util.concurrent.Future<Object> call : calls) {
          assertThat(call.get(10, java.util.concurrent.TimeUnit.SECONDS))
              .as("round %d", round)
              .isInstanceOf(EntityDefinitionException.class);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
