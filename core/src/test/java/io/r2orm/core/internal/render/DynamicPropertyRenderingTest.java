package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Fixtures.AUTHOR_NAME;
import static io.r2orm.core.internal.render.Fixtures.SELECT_BOOK;
import static io.r2orm.core.internal.render.Fixtures.booksWhere;
import static io.r2orm.core.internal.render.Golden.POSTGRES;
import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOnBoth;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.internal.render.Fixtures.Book;
import io.r2orm.core.internal.render.Fixtures.Genre;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.Property;
import io.r2orm.core.query.Select;
import java.util.List;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** {@code Property.named(..)}: checked against the metadata when rendered, values still binds. */
class DynamicPropertyRenderingTest {

  private static AbstractThrowableAssert<?, ? extends Throwable> assertRejected(Predicate where) {
    return assertThatThrownBy(() -> POSTGRES.select(Select.from(Book.class).where(where)))
        .isInstanceOf(QueryBuildException.class);
  }

  @Test
  void rendersLikeTheTypedProperty() {
    rendersOnBoth(
        booksWhere(Property.named("title").eq("Dune").and(Property.named("pages").isNotNull())),
        SELECT_BOOK + " WHERE title = $1 AND pages IS NOT NULL",
        bind("Dune", String.class));
    rendersOnBoth(
        booksWhere(Property.named("title").likeIgnoreCase("d%")),
        SELECT_BOOK + " WHERE title ILIKE $1 ESCAPE '\\'",
        bind("d%", String.class));
    rendersOnBoth(
        booksWhere(Property.named("authorId").eq(null)), SELECT_BOOK + " WHERE author_id IS NULL");
  }

  @Test
  void sortsByANamedProperty() {
    rendersOnBoth(
        r ->
            r.select(
                Select.from(Book.class).withOrderBy(List.of(Property.named("authorId").desc()))),
        SELECT_BOOK + " ORDER BY author_id DESC");
  }

  @Test
  void convertsEnumValuesByTheProperty() {
    rendersOnBoth(
        booksWhere(Property.named("genre").eq(Genre.CRIME)),
        SELECT_BOOK + " WHERE genre = $1",
        bind("CRIME", String.class));
  }

  @Test
  void coercesNumbersLosslessly() {
    rendersOnBoth(
        booksWhere(Property.named("authorId").eq(7)),
        SELECT_BOOK + " WHERE author_id = $1",
        bind(7L, Long.class));
    rendersOnBoth(
        booksWhere(Property.named("pages").between(10L, 20.0)),
        SELECT_BOOK + " WHERE pages BETWEEN $1 AND $2",
        bind(10, Integer.class),
        bind(20, Integer.class));
    rendersOnBoth(
        booksWhere(Property.named("authorId").in(List.of(1, 2))),
        SELECT_BOOK + " WHERE author_id = ANY($1)",
        bind(new Long[] {1L, 2L}, Long[].class));
  }

  @Test
  void rejectsNumbersThatWouldLoseInformation() {
    assertRejected(Property.named("authorId").eq(1.5))
        .hasMessageContaining(
            "value of type java.lang.Double given for Book.authorId, which is a java.lang.Long");
    assertRejected(Property.named("pages").gt(Long.MAX_VALUE))
        .hasMessageContaining("java.lang.Long given for Book.pages, which is a java.lang.Integer");
  }

  @Test
  void acceptsAnEnumConstantByNameAndRejectsAnUnknownName() {
    rendersOnBoth(
        booksWhere(Property.named("genre").eq("CRIME")),
        SELECT_BOOK + " WHERE genre = $1",
        bind("CRIME", String.class));
    assertRejected(Property.named("genre").eq("crime"))
        .hasMessageContaining(
            "'crime' is not a constant of Genre for Book.genre; known constants: [");
  }

  @Test
  void rejectsValuesOfAnotherType() {
    assertRejected(Property.named("title").eq(42))
        .hasMessageContaining(
            "java.lang.Integer given for Book.title, which is a java.lang.String");
  }

  @Test
  void rejectsAnUnknownNameListingTheKnownOnes() {
    assertRejected(Property.named("titel").eq("Dune"))
        .hasMessage(
            "Book has no mapped property 'titel'; known properties: [id, title, pages, genre, authorId, version]");
    assertThatThrownBy(
            () ->
                POSTGRES.select(
                    Select.from(Book.class).withOrderBy(List.of(Property.named("nope").asc()))))
        .isInstanceOf(QueryBuildException.class)
        .hasMessageContaining("'nope'");
  }

  @Test
  void rejectsAPropertyOfAnotherEntityNamingBoth() {
    assertRejected(AUTHOR_NAME.eq("Herbert"))
        .hasMessageContaining("Author.name belongs to Author")
        .hasMessageContaining("the statement is about Book");
  }

  @Test
  void rejectsBlankNamesAndNullComparisons() {
    assertThatThrownBy(() -> Property.named(" ")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Property.named("pages").lt(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("isNull()");
  }
}
