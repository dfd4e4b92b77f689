package io.r2orm.r2dbc.store;

import io.r2orm.r2dbc.Database;
import java.util.ArrayList;
import java.util.List;

/**
 * Deterministic test data for the query-builder tests: 12 artists (every third without a country),
 * 3 albums each (every fifth without a year; the last artist has none), 4–7 tracks per album with
 * prices, some composers NULL, and a three-level employee tree.
 */
public final class StoreData {
  public static final int ARTISTS = 12;

  private StoreData() {}

  /** Drops and creates the tables, then writes the rows. */
  public static void load(Database db) {
    db.schema()
        .drop(StoreTrack.class, StoreAlbum.class, StoreArtist.class, StoreEmployee.class)
        .block();
    db.schema()
        .create(StoreArtist.class, StoreAlbum.class, StoreTrack.class, StoreEmployee.class)
        .block();
    List<StoreArtist> artists = new ArrayList<>();
    List<StoreAlbum> albums = new ArrayList<>();
    List<StoreTrack> tracks = new ArrayList<>();
    String[] countries = {"UK", "US", null, "FR", "UK", null, "US", "DE", null, "UK", "US", null};
    long albumId = 0;
    long trackId = 0;
    for (int a = 1; a <= ARTISTS; a++) {
      artists.add(
          StoreArtist.of(a, "Artist " + (char) ('A' + (a * 5) % ARTISTS), countries[a - 1]));
      if (a == ARTISTS) {
        continue;
      }
      for (int b = 0; b < 3; b++) {
        albumId++;
        Integer year = albumId % 5 == 0 ? null : 1960 + (int) ((albumId * 7) % 50);
        albums.add(StoreAlbum.of(albumId, "Album " + albumId, year, a));
        int count = 4 + (int) (albumId % 4);
        for (int t = 0; t < count; t++) {
          trackId++;
          int millis = 120_000 + (int) ((trackId * 7919) % 240_000);
          String price = (trackId % 3 == 0 ? "1.29" : trackId % 3 == 1 ? "0.99" : "1.99");
          String composer = trackId % 4 == 0 ? null : "Composer " + (trackId % 9);
          StoreTrack.Genre genre = StoreTrack.Genre.values()[(int) (trackId % 4)];
          tracks.add(
              StoreTrack.of(trackId, "Track " + trackId, millis, price, composer, genre, albumId));
        }
      }
    }
    db.insertAll(artists).then().block();
    db.insertAll(albums).then().block();
    db.insertAll(tracks).then().block();
    db.insertAll(
            List.of(
                new StoreEmployee(1L, "Ada", io.r2orm.core.query.Ref.none()),
                new StoreEmployee(2L, "Brian", io.r2orm.core.query.Ref.to(1L)),
                new StoreEmployee(3L, "Chen", io.r2orm.core.query.Ref.to(1L)),
                new StoreEmployee(4L, "Dana", io.r2orm.core.query.Ref.to(2L))))
        .then()
        .block();
  }
}
