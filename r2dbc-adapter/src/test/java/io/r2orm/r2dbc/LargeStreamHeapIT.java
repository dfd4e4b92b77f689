package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.r2dbc.music.Album;
import io.r2orm.r2dbc.music.Album_;
import io.r2orm.r2dbc.music.Artist;
import io.r2orm.r2dbc.music.Track;
import io.r2orm.r2dbc.test.TestDatabase;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Memory is bounded by the window, not by the result: 200,000 parents with a to-one and a to-many
 * relation stream through a JVM whose heap is 64 MB (Failsafe forks this class with -Xmx64m; see
 * the r2dbc-adapter pom). PostgreSQL only: an in-memory H2 would hold the 600,000 rows in the same
 * small heap.
 */
class LargeStreamHeapIT {
  private static final int ALBUMS = 200_000;
  private static TestDatabase pg;

  @BeforeAll
  static void data() {
    pg = TestDatabase.open(TestDatabase.Kind.POSTGRES, "LargeStreamHeapIT");
    pg.db().schema().create(Artist.class, Album.class, Track.class).block(Duration.ofMinutes(1));
    pg.sql(
        "INSERT INTO artist (id, name) SELECT g, 'artist ' || g FROM generate_series(1, 1000) g",
        "INSERT INTO album (id, title, \"year\", artist_id) SELECT g, 'album ' || g, 1900 + g % 100, 1 + g % 1000 "
            + "FROM generate_series(1, "
            + ALBUMS
            + ") g",
        "INSERT INTO track (id, title, millis, album_id) SELECT g, 'track ' || g, g, 1 + g % "
            + ALBUMS
            + " FROM generate_series(1, "
            + ALBUMS * 2
            + ") g");
  }

  @AfterAll
  static void drop() {
    pg.close();
  }

  @Test
  void twoHundredThousandParentsWithRelationsStreamInASmallHeap() {
    assertThat(Runtime.getRuntime().maxMemory())
        .as("this test must run with -Xmx64m")
        .isLessThan(100L * 1024 * 1024);
    AtomicLong albums = new AtomicLong();
    AtomicLong tracks = new AtomicLong();
    AtomicLong last = new AtomicLong();
    pg.db()
        .select(Album.class)
        .orderBy(Album_.ID.asc())
        .fetch(Album_.ARTIST, Album_.TRACKS)
        .window(500)
        .all()
        .doOnNext(
            a -> {
              if (a.getId() <= last.get()) throw new AssertionError("order broken at " + a.getId());
              last.set(a.getId());
              if (a.getArtist().get().id() != 1 + a.getId() % 1000)
                throw new AssertionError("wrong artist for " + a.getId());
              albums.incrementAndGet();
              tracks.addAndGet(a.getTracks().size());
            })
        .blockLast(Duration.ofMinutes(5));
    assertThat(albums.get()).isEqualTo(ALBUMS);
    assertThat(tracks.get()).isEqualTo(ALBUMS * 2L);
  }
}
