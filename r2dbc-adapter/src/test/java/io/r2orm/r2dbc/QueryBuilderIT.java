package io.r2orm.r2dbc;

import static io.r2orm.core.query.Functions.count;
import static io.r2orm.core.query.Functions.sum;
import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.query.Table;
import io.r2orm.r2dbc.store.StoreAlbum;
import io.r2orm.r2dbc.store.StoreAlbum_;
import io.r2orm.r2dbc.store.StoreArtist;
import io.r2orm.r2dbc.store.StoreArtist_;
import io.r2orm.r2dbc.store.StoreData;
import io.r2orm.r2dbc.store.StoreEmployee;
import io.r2orm.r2dbc.store.StoreEmployee_;
import io.r2orm.r2dbc.store.StoreTrack_;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Joins, aggregates, expressions, projections and subqueries, each checked against the same
 * question answered by hand-written SQL on the same data.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class QueryBuilderIT extends DatabaseTest {

  /** A row of the hand-written answers. */
  record NameCount(String name, long n) {}

  /** A row with a total. */
  record NameTotal(String name, BigDecimal total) {}

  @BeforeEach
  void fixture() {
    StoreData.load(db());
  }

  @Test
  void relationJoinWithGroupByAndHavingMatchesHandWrittenSql() {
    List<NameCount> built = db().select(StoreArtist_.NAME, count())
        .from(StoreArtist.class)
        .join(StoreArtist_.ALBUMS)
        .join(StoreAlbum_.TRACKS)
        .groupBy(StoreArtist_.NAME)
        .having(count().gt(15L))
        .orderBy(StoreArtist_.NAME.asc())
        .into(NameCount.class)
        .all().collectList().block();
    List<NameCount> hand = db().sql("SELECT ar.name, COUNT(*) AS n FROM store_artist ar "
            + "JOIN store_album al ON al.artist_id = ar.id JOIN store_track t ON t.album_id = al.id "
            + "GROUP BY ar.name HAVING COUNT(*) > 15 ORDER BY ar.name")
        .all(NameCount.class).collectList().block();
    assertThat(hand).isNotEmpty();
    assertThat(built).isEqualTo(hand);
  }

  @Test
  void sumOfPricesPerArtist() {
    List<NameTotal> built = db().select(StoreArtist_.NAME, sum(StoreTrack_.PRICE))
        .from(StoreArtist.class).join(StoreArtist_.ALBUMS).join(StoreAlbum_.TRACKS)
        .groupBy(StoreArtist_.NAME).orderBy(StoreArtist_.NAME.asc())
        .into(NameTotal.class).all().collectList().block();
    List<NameTotal> hand = db().sql("SELECT ar.name, SUM(t.price) AS total FROM store_artist ar "
            + "JOIN store_album al ON al.artist_id = ar.id JOIN store_track t ON t.album_id = al.id "
            + "GROUP BY ar.name ORDER BY ar.name")
        .all(NameTotal.class).collectList().block();
    assertThat(built).hasSize(StoreData.ARTISTS - 1).isEqualTo(hand);
  }

  @Test
  void selfJoinWithAliases() {
    Table<StoreEmployee> e = Table.of(StoreEmployee.class, "e");
    Table<StoreEmployee> boss = Table.of(StoreEmployee.class, "boss");
    List<String> pairs = db().select(e.get(StoreEmployee_.NAME), boss.get(StoreEmployee_.NAME))
        .from(e).leftJoin(StoreEmployee_.MANAGER, boss)
        .orderBy(e.get(StoreEmployee_.NAME).asc())
        .all().map(t -> t.v1() + "<" + t.v2()).collectList().block();
    assertThat(pairs).containsExactly("Ada<null", "Brian<Ada", "Chen<Ada", "Dana<Brian");
  }

  @Test
  void entitiesOfTwoTablesInOneRow() {
    var rows = db().select(Table.of(StoreAlbum.class), Table.of(StoreArtist.class))
        .join(StoreAlbum_.ARTIST)
        .where(StoreArtist_.COUNTRY.eq("FR"))
        .orderBy(StoreAlbum_.ID.asc())
        .all().collectList().block();
    assertThat(rows).hasSize(3);
    assertThat(rows).allSatisfy(r -> assertThat(r.v1().artist().id()).isEqualTo(r.v2().id()));
  }
}
