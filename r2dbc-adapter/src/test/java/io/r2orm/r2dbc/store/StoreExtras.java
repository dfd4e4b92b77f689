package io.r2orm.r2dbc.store;

import io.r2orm.r2dbc.Database;
import java.util.ArrayList;
import java.util.List;

/**
 * The rest of the store, for the relation kinds {@link StoreData} lacks: a profile for every artist
 * whose id is not a multiple of 3 (artists 4 and 8 without a bio), and four playlists linked to
 * tracks by plain SQL — one of them empty, and most tracks in none.
 */
public final class StoreExtras {
  /** Playlist names by id; the last one has no tracks. */
  public static final List<String> PLAYLISTS = List.of("Morning", "Workout", "Jazz night", "Empty");

  private StoreExtras() {}

  /** Creates and fills the tables; call after {@link StoreData#load}. */
  public static void load(Database db) {
    db.schema().drop(StoreProfile.class, StorePlaylist.class).block();
    db.sql("DROP TABLE IF EXISTS store_playlist_track").execute().block();
    db.schema().create(StoreProfile.class, StorePlaylist.class).block();
    db.sql(
            "CREATE TABLE store_playlist_track (playlist_id BIGINT NOT NULL, track_id BIGINT NOT NULL,"
                + " PRIMARY KEY (playlist_id, track_id))")
        .execute()
        .block();
    List<StoreProfile> profiles = new ArrayList<>();
    for (long a = 1; a <= StoreData.ARTISTS; a++) {
      if (a % 3 != 0) {
        profiles.add(
            new StoreProfile(
                100 + a, a % 4 == 0 ? null : "Bio of artist " + a, io.r2orm.core.query.Ref.to(a)));
      }
    }
    db.insertAll(profiles).then().block();
    List<StorePlaylist> playlists = new ArrayList<>();
    for (int p = 0; p < PLAYLISTS.size(); p++) {
      playlists.add(new StorePlaylist(p + 1L, PLAYLISTS.get(p), List.of()));
    }
    db.insertAll(playlists).then().block();
    // Morning: every 7th track; Workout: every 11th; Jazz night: the jazz tracks (id % 4 == 1) up
    // to 60.
    db.sql(
            "INSERT INTO store_playlist_track (playlist_id, track_id)"
                + " SELECT 1, id FROM store_track WHERE MOD(id, 7) = 0"
                + " UNION ALL SELECT 2, id FROM store_track WHERE MOD(id, 11) = 0"
                + " UNION ALL SELECT 3, id FROM store_track WHERE MOD(id, 4) = 1 AND id <= 60")
        .execute()
        .block();
  }
}
