package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Fixtures.LIBRARY_TITLE;
import static io.r2orm.core.internal.render.Fixtures.REVIEW_ORDER;
import static io.r2orm.core.internal.render.Fixtures.REVIEW_TEXT;
import static io.r2orm.core.internal.render.Fixtures.REVIEW_USER;
import static io.r2orm.core.internal.render.Fixtures.REVIEW_YEAR;
import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOnBoth;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.internal.render.Fixtures.BookReview;
import io.r2orm.core.internal.render.Fixtures.LibraryBook;
import io.r2orm.core.internal.render.Fixtures.Review;
import io.r2orm.core.query.Assignment;
import io.r2orm.core.query.Delete;
import io.r2orm.core.query.Insert;
import io.r2orm.core.query.Select;
import io.r2orm.core.query.Update;
import io.r2orm.core.query.Value;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reserved words and mixed-case names are quoted; plain lower-case names are not; schemas qualify.
 */
class IdentifierRenderingTest {

  record Odd(@Id Long id, @Column("say \"hi\"") String greeting) {}

  @Test
  void quotesReservedWordsWhereverTheyAppear() {
    Select select =
        Select.from(Review.class)
            .where(REVIEW_YEAR.eq(2024))
            .withOrderBy(List.of(REVIEW_ORDER.asc()));
    rendersOnBoth(
        r -> r.select(select),
        "SELECT id, \"order\", \"user\", \"year\" FROM review WHERE \"year\" = $1 ORDER BY \"order\" ASC",
        bind(2024, Integer.class));
    Update update =
        new Update(
            Review.class,
            List.of(new Assignment(REVIEW_USER.ref(), new Value("ada"))),
            REVIEW_ORDER.gt(1));
    rendersOnBoth(
        r -> r.update(update),
        "UPDATE review SET \"user\" = $1 WHERE \"order\" > $2",
        bind("ada", String.class),
        bind(1, Integer.class));
  }

  @Test
  void quotesMixedCaseNamesToKeepTheirCase() {
    rendersOnBoth(
        r -> r.select(Select.from(BookReview.class).where(REVIEW_TEXT.eq("good"))),
        "SELECT id, \"ReviewText\", stars FROM \"BookReview\" WHERE \"ReviewText\" = $1",
        bind("good", String.class));
  }

  @Test
  void doublesQuotesInsideQuotedNames() {
    rendersOnBoth(r -> r.select(Select.from(Odd.class)), "SELECT id, \"say \"\"hi\"\"\" FROM odd");
  }

  @Test
  void qualifiesTheTableWithItsSchema() {
    rendersOnBoth(
        r -> r.select(Select.from(LibraryBook.class).where(LIBRARY_TITLE.eq("Dune"))),
        "SELECT id, title FROM library.book WHERE title = $1",
        bind("Dune", String.class));
    rendersOnBoth(
        r -> r.count(Select.from(LibraryBook.class)), "SELECT COUNT(*) FROM library.book");
    rendersOnBoth(r -> r.delete(new Delete(LibraryBook.class, null)), "DELETE FROM library.book");
    Insert insert =
        new Insert(LibraryBook.class, List.of("title"), List.of(List.of("Dune")), List.of());
    rendersOnBoth(
        r -> r.insert(insert),
        "INSERT INTO library.book (title) VALUES ($1)",
        bind("Dune", String.class));
    Update update =
        new Update(
            LibraryBook.class, List.of(new Assignment(LIBRARY_TITLE.ref(), new Value("x"))), null);
    rendersOnBoth(
        r -> r.update(update), "UPDATE library.book SET title = $1", bind("x", String.class));
  }
}
