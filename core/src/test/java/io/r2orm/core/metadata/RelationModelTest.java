package io.r2orm.core.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.OneToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.dialect.PostgresDialect;
import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.exception.UnloadedRelationException;
import io.r2orm.core.internal.mapping.ArrayRow;
import io.r2orm.core.internal.mapping.EntityMapper;
import io.r2orm.core.internal.render.SqlRenderer;
import io.r2orm.core.query.Order;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.PropertyRef;
import io.r2orm.core.query.Ref;
import io.r2orm.core.query.Relation;
import io.r2orm.core.query.Select;
import io.r2orm.core.query.UnloadedList;
import io.r2orm.core.sql.Bind;
import io.r2orm.core.sql.Identifier;
import io.r2orm.core.sql.SqlStatement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Relation metadata, the values of relation properties, and what unfetched relations hold. */
class RelationModelTest {
  private static final EntityModels MODELS = EntityModels.create();

  @Table("author")
  record Author(
      @Id Long id,
      String name,
      @OneToMany(mappedBy = "author", orderBy = "year DESC, title") List<Book> books,
      @OneToOne(mappedBy = "author") Ref<Profile> profile) {}

  @Table("book")
  record Book(
      @Id Long id,
      String title,
      Integer year,
      @ManyToOne Ref<Author> author,
      @ManyToOne(column = "editor_ref") Ref<Author> editor,
      @ManyToMany(
              joinTable = "book_tag",
              joinColumn = "book_id",
              inverseJoinColumn = "tag_id",
              orderBy = "label desc")
          List<Tag> tags,
      @ManyToMany(
              joinTable = "book_tag",
              joinColumn = "book_id",
              inverseJoinColumn = "tag_id",
              target = Tag.class)
          List<Long> tagIds) {}

  @Table("tag")
  record Tag(@Id Long id, String label) {}

  @Table("profile")
  record Profile(@Id Long id, String bio, @OneToOne Ref<Author> author) {}

  /** A mutable class on the inverse side, with an Integer id. */
  @Table("shelf")
  static class Shelf {
    @Id Integer id;
    String name;

    @OneToMany(mappedBy = "shelf")
    List<Copy> copies;
  }

  /** A mutable class with a relation between plain columns. */
  @Table("copy")
  static class Copy {
    @Id Long id;
    @ManyToOne Ref<Shelf> shelf;
    String barcode;

    @ManyToMany(joinTable = "copy_tag", joinColumn = "copy_id", inverseJoinColumn = "tag_id")
    List<Tag> tags;
  }

  /** Two relations of each other's type, and a self reference. */
  record Employee(
      @Id Long id,
      @ManyToOne Ref<Employee> manager,
      @OneToMany(mappedBy = "manager") List<Employee> reports) {}

  /** Entities need no {@code @Table}; the naming strategy names the table. */
  record Topic(@Id Long id, String title) {}

  record Article(
      @Id Long id,
      @ManyToMany(
              joinTable = "article_topic",
              joinColumn = "article_id",
              inverseJoinColumn = "topic_id")
          List<Topic> topics,
      @ManyToMany(
              joinTable = "article_topic",
              joinColumn = "article_id",
              inverseJoinColumn = "topic_id",
              target = Topic.class)
          List<Long> topicIds) {}

  record Small(@Id Short id) {}

  record PointsAtSmall(@Id Long id, @ManyToOne Ref<Small> small) {}

  private static RelationModel relation(Class<?> owner, String name) {
    return MODELS.of(owner).relation(name);
  }

  @Nested
  class Models {
    @Test
    void describesAManyToOne() {
      RelationModel r = relation(Book.class, "author");
      assertThat(r.owner()).isEqualTo(Book.class);
      assertThat(r.kind()).isEqualTo(RelationModel.Kind.MANY_TO_ONE);
      assertThat(r.target()).isEqualTo(Author.class);
      assertThat(r.elementType()).isEqualTo(Author.class);
      assertThat(r.slot()).isEqualTo(3);
      assertThat(r.foreignKey().name()).isEqualTo(Identifier.of("author_id"));
      assertThat(r.foreignKey().path()).isEqualTo("author");
      assertThat(r.mappedBy()).isNull();
      assertThat(r.joinTable()).isNull();
      assertThat(r.order()).isEmpty();
      assertThat(r.unloaded()).isNull();
      assertThat(r.ownsKey()).isTrue();
      assertThat(r.isToMany()).isFalse();
      assertThat(r.idsOnly()).isFalse();
      assertThat(r.metamodelName()).isEqualTo("Book_.AUTHOR");
      assertThat(r).hasToString("Book.author (MANY_TO_ONE Author)");
    }

    @Test
    void theForeignKeyIsAColumnOfTheOwner() {
      EntityModel<Book> book = MODELS.of(Book.class);
      assertThat(book.columns())
          .extracting(ColumnModel::path)
          .containsExactly("id", "title", "year", "author", "editor");
      assertThat(book.columns().get(3)).isSameAs(relation(Book.class, "author").foreignKey());
      ColumnModel key = book.column("author");
      assertThat(key.propertyType()).isEqualTo(Ref.class);
      assertThat(key.databaseType()).isEqualTo(Long.class);
      assertThat(key.nullable()).isTrue();
    }

    @Test
    void namesTheForeignKeyAfterTheRelationUnlessGiven() {
      assertThat(relation(Book.class, "editor").foreignKey().name())
          .isEqualTo(Identifier.of("editor_ref"));
      EntityModels asIs = EntityModels.builder().namingStrategy(NamingStrategy.AS_IS).build();
      assertThat(asIs.of(Book.class).relation("author").foreignKey().name())
          .isEqualTo(Identifier.of("authorId"));
      assertThat(asIs.of(Book.class).relation("editor").foreignKey().name())
          .isEqualTo(Identifier.of("editor_ref"));
    }

    @Test
    void describesAOneToManyWithItsParsedOrder() {
      RelationModel r = relation(Author.class, "books");
      assertThat(r.kind()).isEqualTo(RelationModel.Kind.ONE_TO_MANY);
      assertThat(r.target()).isEqualTo(Book.class);
      assertThat(r.elementType()).isEqualTo(Book.class);
      assertThat(r.slot()).isEqualTo(2);
      assertThat(r.foreignKey()).isNull();
      assertThat(r.mappedBy()).isEqualTo("author");
      assertThat(r.order())
          .containsExactly(
              new Order(
                  new PropertyRef(Book.class, "year"), Order.Direction.DESC, Order.Nulls.DEFAULT),
              new Order(
                  new PropertyRef(Book.class, "title"), Order.Direction.ASC, Order.Nulls.DEFAULT));
      assertThat(r.unloaded()).isInstanceOf(UnloadedList.class);
      assertThat(r.isToMany()).isTrue();
      assertThat(r.ownsKey()).isFalse();
      assertThat(r.metamodelName()).isEqualTo("Author_.BOOKS");
    }

    @Test
    void describesBothSidesOfAOneToOne() {
      RelationModel owning = relation(Profile.class, "author");
      assertThat(owning.kind()).isEqualTo(RelationModel.Kind.ONE_TO_ONE);
      assertThat(owning.foreignKey().name()).isEqualTo(Identifier.of("author_id"));
      assertThat(owning.mappedBy()).isNull();

      RelationModel inverse = relation(Author.class, "profile");
      assertThat(inverse.kind()).isEqualTo(RelationModel.Kind.ONE_TO_ONE_INVERSE);
      assertThat(inverse.target()).isEqualTo(Profile.class);
      assertThat(inverse.slot()).isEqualTo(3);
      assertThat(inverse.foreignKey()).isNull();
      assertThat(inverse.mappedBy()).isEqualTo("author");
      assertThat(inverse.isToMany()).isFalse();
      assertThat(inverse.unloaded())
          .isInstanceOfSatisfying(
              Ref.class,
              ref -> {
                assertThat(ref.isLoaded()).isFalse();
                assertThat(ref.id()).isNull();
              });
    }

    @Test
    void describesAManyToManyWithItsJoinTable() {
      RelationModel r = relation(Book.class, "tags");
      assertThat(r.kind()).isEqualTo(RelationModel.Kind.MANY_TO_MANY);
      assertThat(r.target()).isEqualTo(Tag.class);
      assertThat(r.elementType()).isEqualTo(Tag.class);
      assertThat(r.slot()).isEqualTo(5);
      assertThat(r.joinTable()).isEqualTo(Identifier.of("book_tag"));
      assertThat(r.joinColumn()).isEqualTo(Identifier.of("book_id"));
      assertThat(r.inverseJoinColumn()).isEqualTo(Identifier.of("tag_id"));
      assertThat(r.mappedBy()).isNull();
      assertThat(r.order())
          .containsExactly(
              new Order(
                  new PropertyRef(Tag.class, "label"), Order.Direction.DESC, Order.Nulls.DEFAULT));
      assertThat(r.idsOnly()).isFalse();
    }

    @Test
    void describesAnIdsOnlyManyToMany() {
      RelationModel r = relation(Book.class, "tagIds");
      assertThat(r.target()).isEqualTo(Tag.class);
      assertThat(r.elementType()).isEqualTo(Long.class);
      assertThat(r.slot()).isEqualTo(6);
      assertThat(r.idsOnly()).isTrue();
      assertThat(r.metamodelName()).isEqualTo("Book_.TAG_IDS");
    }

    @Test
    void acceptsAManyToManyOfAnEntityWithoutTableAnnotation() {
      RelationModel topics = relation(Article.class, "topics");
      assertThat(topics.target()).isEqualTo(Topic.class);
      assertThat(topics.elementType()).isEqualTo(Topic.class);
      assertThat(topics.idsOnly()).isFalse();
      assertThat(relation(Article.class, "topicIds").idsOnly()).isTrue();
    }

    @Test
    void describesRelationsOfMutableClasses() {
      RelationModel copies = relation(Shelf.class, "copies");
      assertThat(copies.kind()).isEqualTo(RelationModel.Kind.ONE_TO_MANY);
      assertThat(copies.slot()).isEqualTo(2);
      RelationModel shelf = relation(Copy.class, "shelf");
      assertThat(shelf.foreignKey().name()).isEqualTo(Identifier.of("shelf_id"));
      assertThat(shelf.foreignKey().databaseType()).isEqualTo(Integer.class);
      assertThat(shelf.slot()).isEqualTo(1);
      assertThat(relation(Copy.class, "tags").slot()).isEqualTo(3);
    }

    @Test
    void countsOneValuePerColumnThenOnePerRelationWithoutAColumn() {
      assertThat(MODELS.of(Book.class).valueCount()).isEqualTo(7);
      assertThat(MODELS.of(Author.class).valueCount()).isEqualTo(4);
      assertThat(MODELS.of(Profile.class).valueCount()).isEqualTo(3);
      assertThat(MODELS.of(Copy.class).valueCount()).isEqualTo(4);
      assertThat(MODELS.of(Tag.class).valueCount()).isEqualTo(2);
    }

    @Test
    void listsRelationsInDeclarationOrderAndNamesTheKnownOnes() {
      assertThat(MODELS.of(Book.class).relations())
          .extracting(RelationModel::name)
          .containsExactly("author", "editor", "tags", "tagIds");
      assertThatThrownBy(() -> MODELS.of(Book.class).relation("nope"))
          .isInstanceOf(QueryBuildException.class)
          .hasMessage(
              "Book has no relation 'nope'; known relations: [author, editor, tags, tagIds]");
    }

    @Test
    void buildsEntitiesThatReferenceEachOther() {
      EntityModels fresh = EntityModels.create();
      assertThat(fresh.of(Author.class).relation("books").target()).isEqualTo(Book.class);
      assertThat(fresh.of(Book.class).relation("author").target()).isEqualTo(Author.class);
      EntityModels reversed = EntityModels.create();
      assertThat(reversed.of(Book.class).relations()).hasSize(4);
      assertThat(reversed.of(Author.class).relations()).hasSize(2);
      EntityModel<Employee> employee = EntityModels.create().of(Employee.class);
      assertThat(employee.relation("manager").target()).isEqualTo(Employee.class);
      assertThat(employee.relation("reports").mappedBy()).isEqualTo("manager");
    }
  }

  @Nested
  class Values {
    @Test
    void roundTripsARecordWithRelationSlots() {
      EntityModel<Book> model = MODELS.of(Book.class);
      List<Tag> tags = List.of(new Tag(3L, "classic"));
      Book book = new Book(1L, "Dune", 1965, Ref.to(7L), Ref.none(), tags, List.of(3L));
      Object[] values = model.values(book);
      assertThat(values)
          .containsExactly(1L, "Dune", 1965, Ref.to(7L), Ref.none(), tags, List.of(3L));
      assertThat(model.instantiate(values)).isEqualTo(book);
    }

    @Test
    void keepsRelationsWhenTheIdChanges() {
      EntityModel<Book> model = MODELS.of(Book.class);
      Book book = new Book(null, "Dune", 1965, Ref.to(7L), Ref.none(), List.of(), List.of(4L));
      Book stored = model.with(book, 42L, null);
      assertThat(stored.id()).isEqualTo(42L);
      assertThat(stored.author()).isEqualTo(Ref.to(7L));
      assertThat(stored.tagIds()).containsExactly(4L);
    }

    @Test
    void roundTripsAMutableClassWithRelationSlots() {
      EntityModel<Copy> model = MODELS.of(Copy.class);
      Copy copy = new Copy();
      copy.id = 5L;
      copy.shelf = Ref.to(2);
      copy.barcode = "X1";
      copy.tags = new ArrayList<>(List.of(new Tag(1L, "a")));
      Object[] values = model.values(copy);
      assertThat(values).containsExactly(5L, Ref.to(2), "X1", copy.tags);
      Copy back = model.instantiate(values);
      assertThat(back).isNotSameAs(copy);
      assertThat(back.shelf).isEqualTo(Ref.to(2));
      assertThat(back.tags).isSameAs(copy.tags);
    }

    @Test
    void writesAReferenceAsTheTargetId() {
      ColumnModel key = MODELS.of(Book.class).column("author");
      Author author = new Author(9L, "Herbert", List.of(), Ref.none());
      assertThat(key.valueType().write(Ref.to(7L))).isEqualTo(7L);
      assertThat(key.valueType().write(Ref.of(author))).isEqualTo(9L);
      assertThat(key.valueType().write(Ref.none())).isNull();
      assertThat(key.valueType().write(null)).isNull();
      assertThat(key.valueType().write(5)).isEqualTo(5L);
      assertThat(
              key.databaseValue(
                  new Book(1L, "t", 1, Ref.of(author), Ref.none(), List.of(), List.of())))
          .isEqualTo(9L);
    }

    /**
     * Pinned: a reference to an entity without an id writes NULL; nothing cascades and nothing
     * fails.
     */
    @Test
    void writesAReferenceToAnUnsavedEntityAsNull() {
      ColumnModel key = MODELS.of(Book.class).column("author");
      assertThat(key.valueType().write(Ref.of(new Author(null, "new", List.of(), Ref.none()))))
          .isNull();
    }

    @Test
    void writesAShortKeyFromAWholeNumberInRange() {
      ColumnModel key = MODELS.of(PointsAtSmall.class).column("small");
      assertThat(key.valueType().write(7)).isEqualTo((short) 7);
      assertThatThrownBy(() -> key.valueType().write(70_000))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("a key must be a Ref or a Short id, not a java.lang.Integer");
    }

    @Test
    void writesAnIntegerKeyFromAnyWholeNumber() {
      ColumnModel key = MODELS.of(Copy.class).column("shelf");
      assertThat(key.valueType().write(Ref.to(3L))).isEqualTo(3);
      assertThat(key.valueType().write(4L)).isEqualTo(4);
      assertThatThrownBy(() -> key.valueType().write(Long.MAX_VALUE))
          .isInstanceOf(ArithmeticException.class);
    }
  }

  @Nested
  class Mapping {
    @Test
    void readsKeysAsUnfetchedReferencesAndNullAsNone() {
      Book book =
          new EntityMapper<>(MODELS.of(Book.class)).map(ArrayRow.of(1L, "Dune", 1965, 7L, null));
      assertThat(book.author().id()).isEqualTo(7L);
      assertThat(book.author().isLoaded()).isFalse();
      assertThat(book.author().isEmpty()).isFalse();
      assertThat(book.author()).isEqualTo(Ref.to(7L));
      assertThatThrownBy(() -> book.author().get())
          .isInstanceOf(UnloadedRelationException.class)
          .hasMessage(
              "Book.author was not fetched; add .fetch(Book_.AUTHOR) to the query (or a fetch path that ends"
                  + " in it), or load it with db.load(...)");
      assertThat(book.editor()).isSameAs(Ref.none());
      assertThat(book.editor().isLoaded()).isTrue();
      assertThat(book.editor().get()).isNull();
    }

    @Test
    void fillsUnfetchedListsWithListsThatThrowNamingTheFetch() {
      Book book =
          new EntityMapper<>(MODELS.of(Book.class)).map(ArrayRow.of(1L, "Dune", 1965, null, null));
      assertThat(UnloadedList.isUnloaded(book.tags())).isTrue();
      assertThatThrownBy(() -> book.tags().size())
          .isInstanceOf(UnloadedRelationException.class)
          .hasMessageContaining("Book.tags was not fetched; add .fetch(Book_.TAGS)");
      assertThatThrownBy(() -> book.tagIds().get(0))
          .isInstanceOf(UnloadedRelationException.class)
          .hasMessageContaining("fetch(Book_.TAG_IDS)");
      assertThat(book)
          .hasToString(
              "Book[id=1, title=Dune, year=1965, author=Ref[none], editor=Ref[none],"
                  + " tags=[not fetched], tagIds=[not fetched]]");
    }

    @Test
    void fillsAnUnfetchedInverseOneToOneWithAReferenceThatThrows() {
      EntityMapper<Author> mapper = new EntityMapper<>(MODELS.of(Author.class));
      Author author = mapper.map(ArrayRow.of(1L, "Herbert"));
      assertThat(mapper.width()).isEqualTo(2);
      assertThat(author.profile().isLoaded()).isFalse();
      assertThat(author.profile().id()).isNull();
      assertThatThrownBy(() -> author.profile().get())
          .isInstanceOf(UnloadedRelationException.class)
          .hasMessageContaining("Author.profile was not fetched; add .fetch(Author_.PROFILE)");
      assertThatThrownBy(() -> author.books().forEach(book -> {}))
          .isInstanceOf(UnloadedRelationException.class)
          .hasMessageContaining("fetch(Author_.BOOKS)");
    }

    @Test
    void readsTheValueArrayAtAnOffsetForTheLoader() {
      EntityMapper<Book> mapper = new EntityMapper<>(MODELS.of(Book.class));
      Object[] values = mapper.values(ArrayRow.of("ignored", 1L, "Dune", 1965, 7L, 8L), 1);
      assertThat(values).hasSize(7);
      assertThat(values).startsWith(1L, "Dune", 1965, Ref.to(7L), Ref.to(8L));
      assertThat(values[5]).isInstanceOf(UnloadedList.class);
      List<Tag> fetched = List.of(new Tag(3L, "x"));
      values[relation(Book.class, "tags").slot()] = fetched;
      assertThat(MODELS.of(Book.class).instantiate(values).tags()).isSameAs(fetched);
    }

    @Test
    void mapsRelationsOfMutableClasses() {
      Copy copy = new EntityMapper<>(MODELS.of(Copy.class)).map(ArrayRow.of(5L, 2, "X1"));
      assertThat(copy.shelf.id()).isEqualTo(2);
      assertThat(copy.shelf.isLoaded()).isFalse();
      assertThatThrownBy(() -> copy.tags.isEmpty())
          .isInstanceOf(UnloadedRelationException.class)
          .hasMessageContaining("fetch(Copy_.TAGS)");
      Shelf shelf = new EntityMapper<>(MODELS.of(Shelf.class)).map(ArrayRow.of(2, "top"));
      assertThatThrownBy(() -> shelf.copies.get(0)).hasMessageContaining("fetch(Shelf_.COPIES)");
    }
  }

  @Nested
  class ForeignKeyConditions {
    private final SqlRenderer renderer = new SqlRenderer(PostgresDialect.INSTANCE, MODELS);
    private final Relation<Book, Author> author =
        Relation.toOne(Book.class, "author", Author.class);

    private List<Bind> binds(Predicate where) {
      SqlStatement statement = renderer.select(Select.from(Book.class).where(where));
      assertThat(statement.sql())
          .startsWith(
              "SELECT id, title, \"year\", author_id, editor_ref FROM book WHERE author_id ");
      return statement.binds();
    }

    @Test
    void bindsAnIntegerIdAsTheLongKey() {
      assertThat(binds(author.idEq(5))).containsExactly(new Bind(5L, Long.class));
    }

    @Test
    void bindsIdsAsAnArrayOfTheKeyType() {
      List<Bind> binds = binds(author.idIn(List.of(1, 2L)));
      assertThat(binds).hasSize(1);
      assertThat(binds.get(0).type()).isEqualTo(Long[].class);
      assertThat((Long[]) binds.get(0).value()).containsExactly(1L, 2L);
    }

    @Test
    void bindsAReferenceThroughTheEntityId() {
      Author herbert = new Author(9L, "Herbert", List.of(), Ref.none());
      assertThat(binds(author.idEq(Ref.of(herbert)))).containsExactly(new Bind(9L, Long.class));
      assertThat(binds(author.idEq(Ref.to(4)))).containsExactly(new Bind(4L, Long.class));
    }

    @Test
    void rejectsValuesThatAreNeitherIdsNorReferences() {
      assertThatThrownBy(() -> binds(author.idEq("five")))
          .isInstanceOf(QueryBuildException.class)
          .hasMessage(
              "cannot use five as the key of Book.author: a key must be a Ref or a Long id, not a java.lang.String");
      assertThatThrownBy(() -> binds(author.idEq(new Tag(1L, "x"))))
          .isInstanceOf(QueryBuildException.class)
          .hasMessageContaining("a key must be a Ref or a Long id, not a " + Tag.class.getName());
    }
  }
}
