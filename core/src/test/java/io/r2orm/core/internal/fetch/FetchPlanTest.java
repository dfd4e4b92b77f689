package io.r2orm.core.internal.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.OneToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.metadata.EntityModels;
import io.r2orm.core.query.ComparableProperty;
import io.r2orm.core.query.FetchOptions;
import io.r2orm.core.query.FetchPath;
import io.r2orm.core.query.Property;
import io.r2orm.core.query.Ref;
import io.r2orm.core.query.Relation;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fetch paths merged into a tree and checked against the models. */
class FetchPlanTest {
  private static final EntityModels MODELS = EntityModels.create();

  @Table("author")
  record Author(
      @Id Long id,
      String name,
      @OneToMany(mappedBy = "author") List<Book> books,
      @OneToOne(mappedBy = "author") Ref<Profile> profile) {}

  @Table("profile")
  record Profile(@Id Long id, @OneToOne Ref<Author> author) {}

  @Table("book")
  record Book(
      @Id Long id,
      String title,
      Integer year,
      @ManyToOne Ref<Author> author,
      @OneToMany(mappedBy = "book") List<Review> reviews,
      @ManyToMany(
              joinTable = "book_tag",
              joinColumn = "book_id",
              inverseJoinColumn = "tag_id",
              target = Tag.class)
          List<Long> tagIds,
      @ManyToMany(joinTable = "book_tag", joinColumn = "book_id", inverseJoinColumn = "tag_id")
          List<Tag> tags) {}

  @Table("review")
  record Review(
      @Id Long id, Integer stars, @ManyToOne Ref<Book> book, @ManyToOne Ref<Reader> reader) {}

  @Table("reader")
  record Reader(@Id Long id, String name) {}

  @Table("tag")
  record Tag(
      @Id Long id,
      String label,
      @ManyToMany(joinTable = "book_tag", joinColumn = "tag_id", inverseJoinColumn = "book_id")
          List<Book> books) {}

  @Table("employee")
  record Employee(
      @Id Long id,
      @ManyToOne Ref<Employee> manager,
      @OneToMany(mappedBy = "manager") List<Employee> reports) {}

  static final Relation<Employee, Employee> EMPLOYEE_MANAGER =
      Relation.toOne(Employee.class, "manager", Employee.class);
  static final Relation<Employee, Employee> EMPLOYEE_REPORTS =
      Relation.toMany(Employee.class, "reports", Employee.class);
  static final Relation<Author, Book> AUTHOR_BOOKS =
      Relation.toMany(Author.class, "books", Book.class);
  static final Relation<Author, Profile> AUTHOR_PROFILE =
      Relation.toOne(Author.class, "profile", Profile.class);
  static final Relation<Book, Author> BOOK_AUTHOR =
      Relation.toOne(Book.class, "author", Author.class);
  static final Relation<Book, Review> BOOK_REVIEWS =
      Relation.toMany(Book.class, "reviews", Review.class);
  static final Relation<Book, Long> BOOK_TAG_IDS =
      Relation.toMany(Book.class, "tagIds", Long.class);
  static final Relation<Book, Tag> BOOK_TAGS = Relation.toMany(Book.class, "tags", Tag.class);
  static final Relation<Review, Reader> REVIEW_READER =
      Relation.toOne(Review.class, "reader", Reader.class);
  static final Relation<Tag, Book> TAG_BOOKS = Relation.toMany(Tag.class, "books", Book.class);
  static final ComparableProperty<Book, Integer> YEAR =
      Property.comparable(Book.class, "year", Integer.class);
  static final ComparableProperty<Review, Integer> STARS =
      Property.comparable(Review.class, "stars", Integer.class);

  private static FetchPlan plan(Class<?> root, FetchPath<?, ?>... paths) {
    return FetchPlan.of(MODELS, root, List.of(paths));
  }

  /** The tree as {@code relation(children, …)}, for compact assertions. */
  private static String tree(FetchPlan plan) {
    return tree(plan.nodes());
  }

  private static String tree(List<FetchPlan.Node> nodes) {
    StringBuilder s = new StringBuilder();
    for (FetchPlan.Node n : nodes) {
      if (s.length() > 0) s.append(", ");
      s.append(n.relation().name());
      if (!n.children().isEmpty()) s.append("(").append(tree(n.children())).append(")");
    }
    return s.toString();
  }

  @Test
  void anEmptyPlanLoadsNothing() {
    assertThat(FetchPlan.none(Author.class).isEmpty()).isTrue();
    FetchPlan plan = FetchPlan.of(MODELS, Author.class, List.of());
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.root()).isEqualTo(Author.class);
  }

  @Test
  void resolvesEachStepToItsRelationModel() {
    FetchPlan plan = plan(Author.class, AUTHOR_BOOKS);
    assertThat(plan.nodes()).hasSize(1);
    FetchPlan.Node books = plan.nodes().get(0);
    assertThat(books.relation()).isSameAs(MODELS.of(Author.class).relation("books"));
    assertThat(books.options()).isEqualTo(FetchOptions.DEFAULT);
    assertThat(books.children()).isEmpty();
  }

  @Test
  void mergesPathsWithASharedPrefixIntoOneNode() {
    FetchPlan plan =
        plan(
            Author.class,
            AUTHOR_BOOKS,
            AUTHOR_BOOKS.then(BOOK_REVIEWS),
            AUTHOR_BOOKS.then(BOOK_TAGS),
            AUTHOR_PROFILE,
            AUTHOR_BOOKS.then(BOOK_REVIEWS));
    assertThat(tree(plan)).isEqualTo("books(reviews, tags), profile");
  }

  @Test
  void keepsTheOrderInWhichRelationsFirstAppear() {
    assertThat(
            tree(
                plan(
                    Author.class,
                    AUTHOR_PROFILE,
                    AUTHOR_BOOKS.then(BOOK_TAGS),
                    AUTHOR_BOOKS.then(BOOK_AUTHOR))))
        .isEqualTo("profile, books(tags, author)");
  }

  @Test
  void nestsThreeLevelsWhicheverWayThePathIsJoined() {
    FetchPath<Author, Reader> left = AUTHOR_BOOKS.then(BOOK_REVIEWS).then(REVIEW_READER);
    FetchPath<Author, Reader> right = AUTHOR_BOOKS.then(BOOK_REVIEWS.then(REVIEW_READER));
    assertThat(left).isEqualTo(right).hasSameHashCodeAs(right).hasToString("books.reviews.reader");
    FetchPlan plan = plan(Author.class, left, right);
    assertThat(tree(plan)).isEqualTo("books(reviews(reader))");
    FetchPlan.Node reader = plan.nodes().get(0).children().get(0).children().get(0);
    assertThat(reader.relation().owner()).isEqualTo(Review.class);
    assertThat(reader.relation().target()).isEqualTo(Reader.class);
  }

  @Test
  void followsACycleBackToAnEntityAlreadyOnThePath() {
    assertThat(
            tree(plan(Book.class, BOOK_AUTHOR.then(AUTHOR_BOOKS).then(BOOK_TAGS).then(TAG_BOOKS))))
        .isEqualTo("author(books(tags(books)))");
  }

  @Test
  void keepsTheOptionsOfEachRelation() {
    Relation<Author, Book> recent = AUTHOR_BOOKS.where(YEAR.gt(1960)).orderBy(YEAR.desc()).limit(3);
    FetchPlan plan = plan(Author.class, recent.then(BOOK_REVIEWS.where(STARS.ge(4))));
    FetchPlan.Node books = plan.nodes().get(0);
    assertThat(books.options())
        .isEqualTo(
            new FetchOptions(
                YEAR.gt(1960), List.of(YEAR.desc()), 3, FetchOptions.Strategy.SELECT_IN));
    assertThat(books.children().get(0).options().where()).isEqualTo(STARS.ge(4));
    assertThat(books.children().get(0).options().limit()).isNull();
  }

  @Test
  void aPathWithoutOptionsSharesTheNodeOfOneWithOptions() {
    Relation<Author, Book> limited = AUTHOR_BOOKS.limit(2);
    FetchPlan before = plan(Author.class, limited, AUTHOR_BOOKS.then(BOOK_REVIEWS));
    FetchPlan after = plan(Author.class, AUTHOR_BOOKS.then(BOOK_REVIEWS), limited);
    for (FetchPlan plan : List.of(before, after)) {
      assertThat(tree(plan)).isEqualTo("books(reviews)");
      assertThat(plan.nodes().get(0).options().limit()).isEqualTo(2);
    }
    assertThat(tree(plan(Author.class, limited, limited.then(BOOK_REVIEWS))))
        .isEqualTo("books(reviews)");
  }

  @Test
  void rejectsOneRelationWithTwoSetsOfOptions() {
    assertThatThrownBy(() -> plan(Author.class, AUTHOR_BOOKS.limit(3), AUTHOR_BOOKS.limit(5)))
        .isInstanceOf(QueryBuildException.class)
        .hasMessage(
            "Author.books (ONE_TO_MANY Book) is fetched twice with different options; give the options once");
    assertThatThrownBy(
            () ->
                plan(
                    Author.class,
                    AUTHOR_BOOKS.then(BOOK_REVIEWS.where(STARS.ge(4))),
                    AUTHOR_BOOKS.then(BOOK_REVIEWS.where(STARS.ge(3)))))
        .isInstanceOf(QueryBuildException.class)
        .hasMessageContaining(
            "Book.reviews (ONE_TO_MANY Review) is fetched twice with different options");
  }

  @Test
  void andsConditionsGivenTwiceOnOneRelation() {
    Relation<Author, Book> both = AUTHOR_BOOKS.where(YEAR.gt(1960)).where(YEAR.lt(1990));
    assertThat(both.options().where()).isEqualTo(YEAR.gt(1960).and(YEAR.lt(1990)));
  }

  @Test
  void rejectsAPathStartingAtAnotherEntity() {
    assertThatThrownBy(() -> plan(Book.class, AUTHOR_BOOKS))
        .isInstanceOf(QueryBuildException.class)
        .hasMessage(
            "fetch path Author.books has the step Author.books where a relation of Book is needed");
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void rejectsAStepThatDoesNotStartWhereThePreviousEnds() {
    FetchPath<Author, ?> broken = ((FetchPath) AUTHOR_BOOKS).then(REVIEW_READER);
    assertThatThrownBy(() -> plan(Author.class, broken))
        .isInstanceOf(QueryBuildException.class)
        .hasMessage(
            "fetch path books.reader has the step Review.reader where a relation of Book is needed");
  }

  @Test
  void joinsToOneRelationsThatHoldTheKey() {
    FetchPlan plan = plan(Book.class, BOOK_AUTHOR.joined(), BOOK_AUTHOR.then(AUTHOR_BOOKS));
    assertThat(tree(plan)).isEqualTo("author(books)");
    assertThat(plan.nodes().get(0).options().strategy()).isEqualTo(FetchOptions.Strategy.JOIN);
  }

  @Test
  void rejectsJoiningAToManyOrAnInverseToOne() {
    assertThatThrownBy(AUTHOR_BOOKS::joined)
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Author.books is a to-many relation; only to-one relations can be joined");
    Relation<Author, Book> mislabelled = Relation.toOne(Author.class, "books", Book.class);
    assertThatThrownBy(() -> plan(Author.class, mislabelled.joined()))
        .isInstanceOf(QueryBuildException.class)
        .hasMessage(
            "Author.books (ONE_TO_MANY Book) cannot be joined; only to-one relations that hold the key can");
    assertThatThrownBy(() -> plan(Author.class, AUTHOR_PROFILE.joined()))
        .isInstanceOf(QueryBuildException.class)
        .hasMessageContaining("Author.profile (ONE_TO_ONE_INVERSE Profile) cannot be joined");
  }

  @Test
  void joinsOnlyRelationsOfTheQueriedEntity() {
    assertThatThrownBy(() -> plan(Author.class, AUTHOR_BOOKS.then(BOOK_AUTHOR.joined())))
        .isInstanceOf(QueryBuildException.class)
        .hasMessage(
            "fetch path books.author joins Book.author (MANY_TO_ONE Author) below its first step; only"
                + " relations of the queried entity (Author) can be joined, so fetch this one without join(...)");
    assertThatThrownBy(() -> plan(Employee.class, EMPLOYEE_REPORTS.then(EMPLOYEE_MANAGER.joined())))
        .isInstanceOf(QueryBuildException.class)
        .hasMessageContaining("joins Employee.manager (MANY_TO_ONE Employee) below its first step");
    assertThat(tree(plan(Employee.class, EMPLOYEE_MANAGER.joined().then(EMPLOYEE_MANAGER))))
        .isEqualTo("manager(manager)");
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void rejectsAPathThatContinuesAfterAnIdsOnlyRelation() {
    assertThat(tree(plan(Book.class, BOOK_TAG_IDS))).isEqualTo("tagIds");
    FetchPath<Book, ?> past = ((FetchPath) BOOK_TAG_IDS).then(TAG_BOOKS);
    assertThatThrownBy(() -> plan(Book.class, past))
        .isInstanceOf(QueryBuildException.class)
        .hasMessage(
            "fetch path tagIds.books continues after Book.tagIds (MANY_TO_MANY Tag), which holds only ids");
  }

  @Test
  void rejectsAnUnknownRelationListingTheKnownOnes() {
    assertThatThrownBy(() -> plan(Book.class, Relation.toOne(Book.class, "nope", Author.class)))
        .isInstanceOf(QueryBuildException.class)
        .hasMessage(
            "Book has no relation 'nope'; known relations: [author, reviews, tagIds, tags]");
  }

  @Test
  void rejectsNullPaths() {
    assertThatThrownBy(() -> FetchPlan.of(MODELS, Book.class, Arrays.asList(BOOK_AUTHOR, null)))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("fetch paths must not be null");
  }

  @Test
  void optionsApplyOnlyWhereTheyMakeSense() {
    assertThatThrownBy(() -> BOOK_AUTHOR.where(YEAR.gt(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("where(...) applies to to-many relations; Book.author is to-one");
    assertThatThrownBy(() -> BOOK_AUTHOR.limit(1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> AUTHOR_BOOKS.idEq(1L))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("idEq(...) applies to to-one relations; Author.books is to-many");
    assertThatThrownBy(() -> AUTHOR_BOOKS.limit(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must be at least 1, got 0");
  }
}
