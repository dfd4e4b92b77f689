package io.r2orm.examples.store.data;

import io.r2orm.examples.store.model.Album;
import io.r2orm.examples.store.model.Artist;
import io.r2orm.examples.store.model.Customer;
import io.r2orm.examples.store.model.Genre;
import io.r2orm.examples.store.model.Invoice;
import io.r2orm.examples.store.model.InvoiceLine;
import io.r2orm.examples.store.model.Playlist;
import io.r2orm.examples.store.model.Track;
import io.r2orm.r2dbc.Database;
import java.util.Objects;
import java.util.regex.Pattern;
import reactor.core.publisher.Mono;

/**
 * The store's tables: the entity tables come from {@code db.schema()}; the many-to-many link table
 * {@code playlist_track} is written by hand, because r2orm's schema generator creates entity tables
 * only. Not a migration tool: a real application would use Flyway or Liquibase.
 */
public final class StoreSchema {
  /** Entity tables in creation order (the drop goes the other way). */
  static final Class<?>[] TABLES = {
    Genre.class,
    Artist.class,
    Album.class,
    Track.class,
    Playlist.class,
    Customer.class,
    Invoice.class,
    InvoiceLine.class
  };

  private static final Pattern PLAIN_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final String LINK_TABLE =
      "CREATE TABLE IF NOT EXISTS playlist_track ("
          + "playlist_id BIGINT NOT NULL, track_id BIGINT NOT NULL, PRIMARY KEY (playlist_id, track_id))";

  private final Database db;

  public StoreSchema(Database db) {
    this.db = Objects.requireNonNull(db, "db must not be null");
  }

  /**
   * Creates a database schema if it does not exist (PostgreSQL: the one named in the URL's {@code
   * ?schema=}).
   */
  public Mono<Void> createDatabaseSchema(String name) {
    if (!PLAIN_NAME.matcher(name).matches()) {
      return Mono.error(
          new IllegalArgumentException(
              "music-store.database-schema must be a plain lower-case name (letters, digits, _), got '"
                  + name
                  + "'"));
    }
    return db.sql("CREATE SCHEMA IF NOT EXISTS " + name).execute().then();
  }

  /** Drops the store's tables if they exist, then creates them empty. */
  public Mono<Void> recreate() {
    Class<?>[] reversed = new Class<?>[TABLES.length];
    for (int i = 0; i < TABLES.length; i++) {
      reversed[i] = TABLES[TABLES.length - 1 - i];
    }
    return db.sql("DROP TABLE IF EXISTS playlist_track")
        .execute()
        .then(db.schema().drop(reversed))
        .then(create());
  }

  /** Creates the store's tables and indexes unless they exist. */
  public Mono<Void> create() {
    return db.schema().create(TABLES).then(db.sql(LINK_TABLE).execute()).then();
  }
}
