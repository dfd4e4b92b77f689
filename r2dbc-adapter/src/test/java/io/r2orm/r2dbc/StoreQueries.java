package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.query.ComparableProperty;
import io.r2orm.core.query.Property;
import io.r2orm.r2dbc.store.StoreAlbum;
import io.r2orm.r2dbc.store.StoreData;
import io.r2orm.r2dbc.store.StoreEmployee;
import io.r2orm.r2dbc.store.StoreExtras;
import io.r2orm.r2dbc.store.StoreProfile;
import io.r2orm.r2dbc.store.StoreTrack;
import io.r2orm.r2dbc.test.DatabaseTest;
import io.r2orm.r2dbc.test.TestDatabase;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.assertj.core.api.recursive.comparison.RecursiveComparisonConfiguration;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the query-builder integration tests: the store ({@link StoreData}, {@link StoreExtras})
 * loaded before each test, and the two sides of every comparison — the builder's rows and the rows
 * of hand-written SQL asking the same question.
 */
abstract class StoreQueries extends DatabaseTest {
  /** Foreign-key columns of to-one relations as fields (the metamodel has only the relations). */
  static final ComparableProperty<StoreAlbum, Long> ALBUM_ARTIST_ID =
      Property.comparable(StoreAlbum.class, "artist", Long.class);

  static final ComparableProperty<StoreTrack, Long> TRACK_ALBUM_ID =
      Property.comparable(StoreTrack.class, "album", Long.class);
  static final ComparableProperty<StoreEmployee, Long> MANAGER_ID =
      Property.comparable(StoreEmployee.class, "manager", Long.class);
  static final ComparableProperty<StoreProfile, Long> PROFILE_ARTIST_ID =
      Property.comparable(StoreProfile.class, "artist", Long.class);

  /** Compares records field by field, decimals by value (2.5 equals 2.50). */
  static final RecursiveComparisonConfiguration DECIMALS_BY_VALUE =
      RecursiveComparisonConfiguration.builder()
          .withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
          .build();

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @BeforeEach
  void store() {
    StoreData.load(db());
    StoreExtras.load(db());
  }

  /** The rows of a builder query. */
  static <R> List<R> rows(ResultQuery<R> query) {
    return query.all().collectList().block(TIMEOUT);
  }

  /**
   * The rows of hand-written SQL, by column name; never empty, so that a comparison with it means
   * something.
   */
  static <R> List<R> sql(String sql, Class<R> type) {
    List<R> rows = db().sql(sql).all(type).collectList().block(TIMEOUT);
    assertThat(rows).as("rows of the hand-written SQL %s", sql).isNotEmpty();
    return rows;
  }

  /** One value of hand-written SQL. */
  static <R> R value(String sql, Class<R> type) {
    return db().sql(sql).one(type).block(TIMEOUT);
  }

  boolean postgres() {
    return kind == TestDatabase.Kind.POSTGRES;
  }
}
