package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Golden.H2;
import static io.r2orm.core.internal.render.Golden.POSTGRES;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_ARTIST;
import static io.r2orm.core.internal.render.QueryFixtures.ALBUM_TITLE;
import static io.r2orm.core.internal.render.QueryFixtures.ARTIST_ALBUMS;
import static io.r2orm.core.internal.render.QueryFixtures.ARTIST_ID;
import static io.r2orm.core.internal.render.QueryFixtures.ARTIST_NAME;
import static io.r2orm.core.internal.render.QueryFixtures.EMPLOYEE_NAME;
import static io.r2orm.core.internal.render.QueryFixtures.MANAGER;
import static io.r2orm.core.internal.render.QueryFixtures.MILLIS;
import static io.r2orm.core.internal.render.QueryFixtures.TRACK_TITLE;
import static io.r2orm.core.query.Functions.count;
import static io.r2orm.core.query.Functions.min;
import static io.r2orm.core.query.Functions.scalar;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.exception.MappingException;
import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.internal.mapping.ProjectionMapper;
import io.r2orm.core.internal.render.QueryFixtures.Album;
import io.r2orm.core.internal.render.QueryFixtures.Artist;
import io.r2orm.core.internal.render.QueryFixtures.Employee;
import io.r2orm.core.internal.render.QueryFixtures.Track;
import io.r2orm.core.query.Property;
import io.r2orm.core.query.Subquery;
import io.r2orm.core.query.TableRef;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * Misuse of the query builder fails before any SQL runs, with a message that names the problem and
 * the fix.
 */
class QueryErrorRenderingTest {

  /** Renders on both dialects; each must fail the same way. */
  private static void failsOnBoth(Subquery q, String message) {
    for (SqlRenderer r : new SqlRenderer[] {POSTGRES, H2}) {
      ThrowingCallable render = () -> r.query(q);
      assertThatThrownBy(render)
          .as(r.dialect().name())
          .isInstanceOf(QueryBuildException.class)
          .hasMessage(message);
    }
  }

  @Test
  void aSelfJoinWithoutAliases() {
    failsOnBoth(
        Subquery.select(EMPLOYEE_NAME).from(Employee.class).join(MANAGER),
        "Employee (as employee) appears more than once in the query; give each occurrence its own alias with"
            + " TableRef.of(Employee.class, \"alias\")");
  }

  @Test
  void anUnqualifiedPropertyOfATableThatAppearsTwice() {
    TableRef<Employee> e = TableRef.of(Employee.class, "e");
    failsOnBoth(
        Subquery.select(EMPLOYEE_NAME)
            .from(e)
            .leftJoin(MANAGER, TableRef.of(Employee.class, "boss")),
        "Employee appears more than once in the query, so Employee.name is ambiguous; give the tables aliases with"
            + " TableRef.of(Employee.class, \"alias\") and qualify the property with table.get(...)");
  }

  @Test
  void aRelationJoinWhoseOwnerAppearsTwice() {
    TableRef<Employee> e = TableRef.of(Employee.class, "e");
    TableRef<Employee> boss = TableRef.of(Employee.class, "boss");
    failsOnBoth(
        Subquery.select(e.get(EMPLOYEE_NAME))
            .from(e)
            .join(MANAGER, boss)
            .join(MANAGER, TableRef.of(Employee.class, "top")),
        "Employee appears more than once before the join of Employee.manager, so it is unclear which one it starts"
            + " from; join on an explicit condition instead");
  }

  @Test
  void aPropertyOfATableNotInTheQuery() {
    failsOnBoth(
        Subquery.select(ARTIST_NAME, ALBUM_TITLE).from(Artist.class),
        "property Album.title refers to a table that is not in the query; tables: [Artist]; add it with from(...) or"
            + " join(...)");
  }

  @Test
  void aPropertyQualifiedWithAnAliasNotInTheQuery() {
    failsOnBoth(
        Subquery.select(TableRef.of(Album.class, "al").get(ALBUM_TITLE)).from(Album.class),
        "property al.title refers to a table that is not in the query; tables: [Album]; add it with from(...) or"
            + " join(...), or use the alias it was given");
  }

  @Test
  void aPropertyOfTheOuterQueryNotInScopeOfTheSubquery() {
    Subquery inner = Subquery.select(TRACK_TITLE).from(Track.class).where(ALBUM_TITLE.eq("x"));
    failsOnBoth(
        Subquery.select(ARTIST_NAME).from(Artist.class).where(ARTIST_NAME.in(inner)),
        "property Album.title refers to a table that is not in the query; tables: [Track, Artist]; add it with from(...)"
            + " or join(...)");
  }

  @Test
  void aSelectedEntityNotInTheQuery() {
    failsOnBoth(
        Subquery.select(TableRef.of(Artist.class)).from(Album.class),
        "the selected table Artist is not in the query; add it with from(...) or join(...)");
  }

  @Test
  void aRelationJoinWhoseOwnerIsAbsent() {
    failsOnBoth(
        Subquery.select(TRACK_TITLE).from(Track.class).join(ARTIST_ALBUMS),
        "the join of Artist.albums starts from Artist, which is not in the query before it; select from it or join it"
            + " first");
  }

  @Test
  void anUnknownPropertyListsTheKnownOnes() {
    failsOnBoth(
        Subquery.select(Property.string(Artist.class, "nmae")).from(Artist.class),
        "Artist has no mapped property 'nmae'; known properties: [id, name, country]");
  }

  @Test
  void aQueryWhoseTableCannotBeInferred() {
    failsOnBoth(
        Subquery.select(count()),
        "the query selects no property, so its table is unknown; add from(Entity.class)");
  }

  @Test
  void likeOnAColumnThatIsNotText() {
    failsOnBoth(
        Subquery.select(count()).from(Track.class).where(min(MILLIS).like("1%")),
        "like on Track.millis which is not stored as text");
  }

  @Test
  void aRelationJoinedToATableOfAnotherEntity() {
    assertThatThrownBy(
            () ->
                Subquery.select(ALBUM_TITLE)
                    .from(Album.class)
                    .join(ALBUM_ARTIST, TableRef.of(Track.class, "t")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the relation Album.artist leads to Artist, not to Track");
  }

  @Test
  void subqueriesThatSelectMoreThanOneColumn() {
    Subquery two = Subquery.select(ARTIST_ID, ARTIST_NAME).from(Artist.class);
    assertThatThrownBy(() -> scalar(two, Long.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a scalar subquery selects exactly one column, not 2");
    assertThatThrownBy(() -> ARTIST_ID.in(Subquery.select(TableRef.of(Artist.class))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the subquery of IN selects exactly one column");
  }

  @Test
  void invalidAliasesLimitsAndOffsets() {
    assertThatThrownBy(() -> TableRef.of(Artist.class, "a b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("alias 'a b' is not a plain identifier (letters, digits, _; at most 63)");
    assertThatThrownBy(() -> Subquery.select(ARTIST_NAME).limit(-1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("limit must not be negative, got -1");
    assertThatThrownBy(() -> Subquery.select(ARTIST_NAME).offset(-2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("offset must not be negative, got -2");
  }

  /** A record that does not fit {@code select(ARTIST_NAME, count())}. */
  record NameOnly(String name) {}

  record CountFirst(Long n, String name) {}

  record NameCount(String name, long n) {}

  /** A class with two constructors of the same arity. */
  public static final class TwoWays {
    public TwoWays(String name, Long n) {}

    public TwoWays(String name, Integer n) {}
  }

  private static ProjectionMapper nameAndCount() {
    return ProjectionMapper.of(
        POSTGRES.query(
            Subquery.select(ARTIST_NAME, count()).from(Artist.class).groupBy(ARTIST_NAME)));
  }

  @Test
  void intoARecordWithAnotherNumberOfComponents() {
    assertThatThrownBy(() -> nameAndCount().constructor(NameOnly.class))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "Cannot build "
                + NameOnly.class.getName()
                + " from the 2 selected items [String, Long]: no canonical"
                + " constructor takes 2 arguments (constructors: [[class java.lang.String]])");
  }

  @Test
  void intoARecordWhoseComponentsAreInAnotherOrder() {
    assertThatThrownBy(() -> nameAndCount().constructor(CountFirst.class))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "Cannot build "
                + CountFirst.class.getName()
                + ": parameter 1 is Long but selected item 1 is String;"
                + " reorder the selected fields or change the constructor");
  }

  @Test
  void intoAClassWithTwoConstructorsThatFit() {
    assertThatThrownBy(() -> nameAndCount().constructor(TwoWays.class))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "Cannot build "
                + TwoWays.class.getName()
                + " from the 2 selected items [String, Long]: "
                + TwoWays.class.getName()
                + " has more than one constructor with 2 parameters; map into a record, or"
                + " give it exactly one");
  }

  @Test
  void intoARecordWithAPrimitiveComponentFailsOnANullValue() {
    var build = nameAndCount().constructor(NameCount.class);
    assertThatThrownBy(() -> build.apply(new Object[] {"x", null}))
        .isInstanceOf(MappingException.class)
        .hasMessage(
            "Selected item 2 is NULL but parameter 2 of NameCount is a primitive long; use a boxed type or"
                + " coalesce(...)");
  }
}
