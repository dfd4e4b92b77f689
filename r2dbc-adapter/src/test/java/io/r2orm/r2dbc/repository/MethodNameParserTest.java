package io.r2orm.r2dbc.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.r2dbc.repository.MethodName.Criterion;
import io.r2orm.r2dbc.repository.MethodName.SortKey;
import io.r2orm.r2dbc.repository.MethodName.Subject;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Method names taken apart against a fixed set of properties, no database. */
class MethodNameParserTest {
  private final MethodNameParser parser =
      new MethodNameParser(
          "Book",
          List.of(
              "id",
              "title",
              "year",
              "authorId",
              "brandName",
              "orderNumber",
              "inStock",
              "home.street",
              "home.city",
              "artist",
              "artist.id",
              "url",
              "isbn"));

  private MethodName parse(String name) {
    return parser.parse(name);
  }

  private static Criterion c(String property, Operator op) {
    return new Criterion(property, op, false);
  }

  @Test
  void readsTheSubjectOfEveryVerb() {
    assertThat(parse("findByTitle").subject()).isEqualTo(Subject.FIND);
    assertThat(parse("readByTitle").subject()).isEqualTo(Subject.FIND);
    assertThat(parse("getByTitle").subject()).isEqualTo(Subject.FIND);
    assertThat(parse("queryByTitle").subject()).isEqualTo(Subject.FIND);
    assertThat(parse("streamAllByTitle").subject()).isEqualTo(Subject.FIND);
    assertThat(parse("countByTitle").subject()).isEqualTo(Subject.COUNT);
    assertThat(parse("existsByTitle").subject()).isEqualTo(Subject.EXISTS);
    assertThat(parse("deleteByTitle").subject()).isEqualTo(Subject.DELETE);
    assertThat(parse("removeByTitle").subject()).isEqualTo(Subject.DELETE);
    assertThat(parse("findBooksByTitle").criteria())
        .containsExactly(List.of(c("title", Operator.EQUALS)));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "findByYear, EQUALS",
    "findByYearIs, EQUALS",
    "findByYearEquals, EQUALS",
    "findByYearNot, NOT",
    "findByYearIsNot, NOT",
    "findByYearIn, IN",
    "findByYearIsIn, IN",
    "findByYearNotIn, NOT_IN",
    "findByYearIsNotIn, NOT_IN",
    "findByYearIsNull, IS_NULL",
    "findByYearNull, IS_NULL",
    "findByYearIsNotNull, IS_NOT_NULL",
    "findByYearNotNull, IS_NOT_NULL",
    "findByYearLessThan, LESS_THAN",
    "findByYearIsLessThan, LESS_THAN",
    "findByYearLessThanEqual, LESS_THAN_EQUAL",
    "findByYearGreaterThan, GREATER_THAN",
    "findByYearGreaterThanEqual, GREATER_THAN_EQUAL",
    "findByYearIsGreaterThanEqual, GREATER_THAN_EQUAL",
    "findByYearBetween, BETWEEN",
    "findByYearIsBetween, BETWEEN",
    "findByTitleLike, LIKE",
    "findByTitleNotLike, NOT_LIKE",
    "findByTitleIsNotLike, NOT_LIKE",
    "findByTitleStartingWith, STARTING_WITH",
    "findByTitleStartsWith, STARTING_WITH",
    "findByTitleEndingWith, ENDING_WITH",
    "findByTitleEndsWith, ENDING_WITH",
    "findByTitleContaining, CONTAINING",
    "findByTitleContains, CONTAINING",
    "findByTitleIsContaining, CONTAINING",
    "findByTitleNotContaining, NOT_CONTAINING",
    "findByInStockTrue, TRUE",
    "findByInStockIsTrue, TRUE",
    "findByInStockFalse, FALSE",
    "findByInStockIsFalse, FALSE"
  })
  void readsEveryOperatorKeyword(String name, Operator expected) {
    MethodName parsed = parse(name);
    assertThat(parsed.allCriteria())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.operator()).isEqualTo(expected);
              assertThat(c.ignoreCase()).isFalse();
            });
    assertThat(parsed.arguments()).isEqualTo(expected.arguments());
  }

  @Test
  void ignoreCaseFollowsTheOperator() {
    assertThat(parse("findByTitleIgnoreCase").allCriteria())
        .containsExactly(new Criterion("title", Operator.EQUALS, true));
    assertThat(parse("findByTitleContainingIgnoreCase").allCriteria())
        .containsExactly(new Criterion("title", Operator.CONTAINING, true));
    assertThat(parse("findByTitleStartingWithIgnoringCase").allCriteria())
        .containsExactly(new Criterion("title", Operator.STARTING_WITH, true));
    assertThat(parse("findByTitleNotIgnoreCase").allCriteria())
        .containsExactly(new Criterion("title", Operator.NOT, true));
  }

  @Test
  void orBindsWeakerThanAnd() {
    MethodName parsed = parse("findByTitleAndYearGreaterThanOrAuthorIdIsNullAndYearLessThan");
    assertThat(parsed.criteria())
        .containsExactly(
            List.of(c("title", Operator.EQUALS), c("year", Operator.GREATER_THAN)),
            List.of(c("authorId", Operator.IS_NULL), c("year", Operator.LESS_THAN)));
    assertThat(parsed.arguments()).isEqualTo(3);
  }

  @Test
  void limitsOrderAndNestedProperties() {
    MethodName parsed = parse("findFirst10ByAuthorIdOrderByYearDescTitle");
    assertThat(parsed.limit()).isEqualTo(10);
    assertThat(parsed.criteria()).containsExactly(List.of(c("authorId", Operator.EQUALS)));
    assertThat(parsed.order())
        .containsExactly(new SortKey("year", true), new SortKey("title", false));
    assertThat(parse("findTopByOrderByYearAsc").limit()).isEqualTo(1);
    assertThat(parse("findTopByOrderByYearAsc").criteria()).isEmpty();
    assertThat(parse("findTop3ByYear").limit()).isEqualTo(3);
    assertThat(parse("findFirstByYear").limit()).isEqualTo(1);
    assertThat(parse("findByYear").limit()).isNull();
    assertThat(parse("findAllByOrderByHomeCityAscIdDesc").order())
        .containsExactly(new SortKey("home.city", false), new SortKey("id", true));
    assertThat(parse("findByHomeCityAndHomeStreetStartingWith").allCriteria())
        .containsExactly(c("home.city", Operator.EQUALS), c("home.street", Operator.STARTING_WITH));
    assertThat(parse("findByArtistId").allCriteria())
        .containsExactly(c("artist.id", Operator.EQUALS));
    assertThat(parse("findByArtist").allCriteria()).containsExactly(c("artist", Operator.EQUALS));
  }

  @Test
  void propertiesThatContainKeywordsStillRead() {
    assertThat(parse("findByBrandName").allCriteria())
        .containsExactly(c("brandName", Operator.EQUALS));
    assertThat(parse("findByOrderNumberOrderByOrderNumberDesc").order())
        .containsExactly(new SortKey("orderNumber", true));
    assertThat(parse("findByOrderNumberIn").allCriteria())
        .containsExactly(c("orderNumber", Operator.IN));
    assertThat(parse("findByInStockIsNotNullAndIsbnIn").allCriteria())
        .containsExactly(c("inStock", Operator.IS_NOT_NULL), c("isbn", Operator.IN));
    assertThat(parse("findByUrlOrIsbn").criteria())
        .containsExactly(List.of(c("url", Operator.EQUALS)), List.of(c("isbn", Operator.EQUALS)));
  }

  @Test
  void misspeltPropertyNamesTheEntityTheKnownPropertiesAndTheClosest() {
    assertThatThrownBy(() -> parse("findByTitelContainingIgnoreCase"))
        .hasMessageContaining("Book has no property 'titel'")
        .hasMessageContaining("did you mean 'title'?")
        .hasMessageContaining("known properties: [id, title, year, authorId");
    assertThatThrownBy(() -> parse("findByTitleAndYeer"))
        .hasMessageContaining("no property 'yeer'")
        .hasMessageContaining("did you mean 'year'?");
    assertThatThrownBy(() -> parse("findByHomeTown"))
        .hasMessageContaining("no property 'homeTown'");
    assertThatThrownBy(() -> parse("findByYearOrderByPublisher"))
        .hasMessageContaining("no property 'publisher'")
        .hasMessageNotContaining("did you mean");
  }

  @Test
  void malformedNamesSayWhatToWrite() {
    assertThatThrownBy(() -> parse("findAll"))
        .hasMessageContaining("has no 'By'")
        .hasMessageContaining("findByTitle");
    assertThatThrownBy(() -> parse("findBy")).hasMessageContaining("nothing follows 'By'");
    assertThatThrownBy(() -> parse("findByTitleAnd")).hasMessageContaining("ends after 'And'");
    assertThatThrownBy(() -> parse("findByYearOrderBy"))
        .hasMessageContaining("nothing follows 'OrderBy'");
    assertThatThrownBy(() -> parse("findByYearGreaterThanFoo"))
        .hasMessageContaining("cannot read 'Foo'");
    assertThatThrownBy(() -> parse("findByYearInIgnoreCase"))
        .hasMessageContaining("IgnoreCase cannot follow In");
    assertThatThrownBy(() -> parse("findTop0ByYear")).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> parse("findFirst2Top3ByYear")).hasMessageContaining("two row limits");
    assertThatThrownBy(() -> parse("frobnicateByYear")).hasMessageContaining("starts with find");
  }

  @Test
  void splitsWordsAtCapitalsKeepingDigits() {
    assertThat(MethodNameParser.words("First10ByTitleIsNotNull"))
        .containsExactly("First10", "By", "Title", "Is", "Not", "Null");
    assertThat(MethodNameParser.words("")).isEmpty();
  }
}
