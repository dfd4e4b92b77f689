package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Golden.rendersOnBoth;
import static io.r2orm.core.internal.render.QueryFixtures.GENRE;
import static io.r2orm.core.internal.render.QueryFixtures.MILLIS;
import static io.r2orm.core.internal.render.QueryFixtures.TRACK_ALBUM_ID;
import static io.r2orm.core.internal.render.QueryFixtures.TRACK_ID;
import static io.r2orm.core.internal.render.QueryFixtures.query;
import static io.r2orm.core.query.Functions.denseRank;
import static io.r2orm.core.query.Functions.lag;
import static io.r2orm.core.query.Functions.lead;
import static io.r2orm.core.query.Functions.rank;
import static io.r2orm.core.query.Functions.rowNumber;
import static io.r2orm.core.query.Functions.sum;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.internal.render.QueryFixtures.Track;
import io.r2orm.core.query.Functions;
import io.r2orm.core.query.Property;
import io.r2orm.core.query.Subquery;
import io.r2orm.core.query.WindowCall.Window;
import org.junit.jupiter.api.Test;

/**
 * The SQL real queries need (issue #12): window functions, DISTINCT ON, set operations, recursive
 * walks.
 */
class SqlBreadthRenderingTest {
  private static final Window PER_ALBUM =
      Window.partitionBy(TRACK_ALBUM_ID).thenOrderBy(MILLIS.desc(), TRACK_ID.asc());

  @Test
  void rankingsOverAPartitionedOrderedWindow() {
    rendersOnBoth(
        query(
            Subquery.select(
                    TRACK_ID,
                    rowNumber().over(PER_ALBUM),
                    rank().over(PER_ALBUM),
                    denseRank().over(Window.orderBy(MILLIS.desc())))
                .from(Track.class)),
        "SELECT track.id,"
            + " ROW_NUMBER() OVER (PARTITION BY track.album_id ORDER BY track.millis DESC, track.id ASC),"
            + " RANK() OVER (PARTITION BY track.album_id ORDER BY track.millis DESC, track.id ASC),"
            + " DENSE_RANK() OVER (ORDER BY track.millis DESC) FROM track");
  }

  @Test
  void lagLeadAndARunningTotal() {
    Window byId = Window.orderBy(TRACK_ID.asc());
    rendersOnBoth(
        query(
            Subquery.select(
                    lag(MILLIS).over(byId),
                    lead(MILLIS, 2).over(byId),
                    sum(MILLIS)
                        .over(Window.partitionBy(TRACK_ALBUM_ID).thenOrderBy(TRACK_ID.asc())))
                .from(Track.class)),
        "SELECT LAG(track.millis) OVER (ORDER BY track.id ASC), LEAD(track.millis, 2) OVER (ORDER BY track.id ASC),"
            + " SUM(track.millis) OVER (PARTITION BY track.album_id ORDER BY track.id ASC) FROM track");
  }

  @Test
  void lagOfAConvertedColumnIsReadThroughItsConverter() {
    RenderedQuery q =
        Golden.POSTGRES.query(
            Subquery.select(lag(GENRE).over(Window.orderBy(TRACK_ID.asc()))).from(Track.class));
    assertThat(q.outputs().get(0).column())
        .as("read as the genre column (an enum by name)")
        .isNotNull();
  }

  @Test
  void overAppliesToAggregatesOnly() {
    assertThatThrownBy(
            () -> Functions.lower(QueryFixtures.TRACK_TITLE).over(Window.orderBy(TRACK_ID.asc())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("over(...) applies to an aggregate");
    assertThatThrownBy(() -> lag(MILLIS, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void distinctOnKeepsTheFirstRowPerKeyOnPostgresAndIsRefusedOnH2() {
    Subquery longest =
        Subquery.select(TRACK_ALBUM_ID, TRACK_ID, MILLIS)
            .from(Track.class)
            .distinctOn(TRACK_ALBUM_ID)
            .orderBy(TRACK_ALBUM_ID.asc(), MILLIS.desc());
    Golden.rendersOn(
        Golden.POSTGRES,
        query(longest),
        "SELECT DISTINCT ON (track.album_id) track.album_id, track.id, track.millis FROM track"
            + " ORDER BY track.album_id ASC, track.millis DESC");
    assertThatThrownBy(() -> Golden.H2.query(longest))
        .isInstanceOf(io.r2orm.core.exception.UnsupportedFeatureException.class)
        .hasMessageContaining("H2")
        .hasMessageContaining("DISTINCT ON")
        .hasMessageContaining("rowNumber()");
  }

  @Test
  void setOperationsCombineQueriesAndSortTheCombinedRowsByPosition() {
    Subquery titles =
        Subquery.select(QueryFixtures.TRACK_TITLE)
            .from(Track.class)
            .where(MILLIS.gt(100))
            .combine(
                Subquery.SetOperator.UNION_ALL,
                Subquery.select(QueryFixtures.ALBUM_TITLE).from(QueryFixtures.Album.class))
            .combine(
                Subquery.SetOperator.EXCEPT,
                Subquery.select(QueryFixtures.ARTIST_NAME).from(QueryFixtures.Artist.class))
            .orderBy(QueryFixtures.TRACK_TITLE.desc())
            .limit(5);
    Golden.rendersOn(
        Golden.POSTGRES,
        query(titles),
        "SELECT track.title FROM track WHERE track.millis > $1 UNION ALL SELECT album.title FROM album"
            + " EXCEPT SELECT artist.name FROM artist ORDER BY 1 DESC LIMIT $2",
        Golden.bind(100, Integer.class),
        Golden.bind(5L, Long.class));
  }

  @Test
  void combinedQueriesMustFit() {
    Subquery one = Subquery.select(QueryFixtures.TRACK_TITLE).from(Track.class);
    assertThatThrownBy(
            () ->
                one.combine(
                    Subquery.SetOperator.UNION,
                    Subquery.select(TRACK_ID, MILLIS).from(Track.class)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("selecting 1 and 2 items");
    assertThatThrownBy(() -> one.combine(Subquery.SetOperator.UNION, one.limit(3)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("order and limit the combined query instead");
    Subquery sortedByOther = one.combine(Subquery.SetOperator.UNION, one).orderBy(MILLIS.asc());
    assertThatThrownBy(() -> Golden.POSTGRES.query(sortedByOther))
        .isInstanceOf(io.r2orm.core.exception.QueryBuildException.class)
        .hasMessageContaining("ordered by its selected items");
  }

  @Test
  void aRecursiveWalkAlongASelfReferenceOnBothDatabases() {
    io.r2orm.core.query.Predicate start =
        Property.comparable(QueryFixtures.Employee.class, "id", Long.class).eq(1L);
    Golden.rendersOnBoth(
        r -> r.walk(QueryFixtures.Employee.class, "manager", start, true, 10),
        "WITH RECURSIVE r2orm_walk (id, name, manager_id, r2orm_depth) AS (SELECT id, name, manager_id, 0 FROM employee"
            + " WHERE id = $1 UNION ALL SELECT r2orm_next.id, r2orm_next.name, r2orm_next.manager_id, r2orm_walk.r2orm_depth + 1"
            + " FROM employee r2orm_next JOIN r2orm_walk ON r2orm_next.manager_id = r2orm_walk.id WHERE r2orm_walk.r2orm_depth < $2)"
            + " SELECT id, name, manager_id FROM r2orm_walk GROUP BY id, name, manager_id ORDER BY MIN(r2orm_depth), id",
        Golden.bind(1L, Long.class),
        Golden.bind(10, Integer.class));
  }
}
