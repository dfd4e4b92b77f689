package io.r2orm.core.internal.render;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.OneToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.ComparableProperty;
import io.r2orm.core.query.Property;
import io.r2orm.core.query.Ref;
import io.r2orm.core.query.Relation;
import io.r2orm.core.query.StringProperty;
import io.r2orm.core.query.Subquery;
import io.r2orm.core.sql.SqlStatement;
import java.math.BigDecimal;
import java.util.List;
import java.util.function.Function;

/**
 * A small music store with every relation kind, and hand-written typed properties as the metamodel
 * processor would generate them, for the query-builder rendering tests.
 */
final class QueryFixtures {
  private QueryFixtures() {}

  enum Genre {
    ROCK,
    JAZZ
  }

  /** One-to-many albums; inverse side of the one-to-one profile. */
  @Table("artist")
  record Artist(
      @Id Long id,
      String name,
      String country,
      @OneToMany(mappedBy = "artist") List<Album> albums,
      @OneToOne(mappedBy = "artist") Ref<Profile> profile) {}

  /** Many-to-one artist (column artist_id); {@code year} is a reserved word, so it is quoted. */
  @Table("album")
  record Album(
      @Id Long id,
      String title,
      Integer year,
      @ManyToOne Ref<Artist> artist,
      @OneToMany(mappedBy = "album") List<Track> tracks) {}

  /** Many-to-one album; many-to-many playlists through playlist_track. */
  @Table("track")
  record Track(
      @Id Long id,
      String title,
      Integer millis,
      BigDecimal price,
      String composer,
      Genre genre,
      @ManyToOne Ref<Album> album,
      @ManyToMany(
              joinTable = "playlist_track",
              joinColumn = "track_id",
              inverseJoinColumn = "playlist_id")
          List<Playlist> playlists) {}

  @Table("playlist")
  record Playlist(
      @Id Long id,
      String name,
      @ManyToMany(
              joinTable = "playlist_track",
              joinColumn = "playlist_id",
              inverseJoinColumn = "track_id")
          List<Track> tracks) {}

  /** The owning side of the one-to-one (column artist_id). */
  @Table("profile")
  record Profile(@Id Long id, String bio, @OneToOne Ref<Artist> artist) {}

  /** A self reference: the self-join case. */
  @Table("employee")
  record Employee(@Id Long id, String name, @ManyToOne Ref<Employee> manager) {}

  static final ComparableProperty<Artist, Long> ARTIST_ID =
      Property.comparable(Artist.class, "id", Long.class);
  static final StringProperty<Artist> ARTIST_NAME = Property.string(Artist.class, "name");
  static final StringProperty<Artist> COUNTRY = Property.string(Artist.class, "country");
  static final Relation<Artist, Album> ARTIST_ALBUMS =
      Relation.toMany(Artist.class, "albums", Album.class);
  static final Relation<Artist, Profile> ARTIST_PROFILE =
      Relation.toOne(Artist.class, "profile", Profile.class);

  static final ComparableProperty<Album, Long> ALBUM_ID =
      Property.comparable(Album.class, "id", Long.class);
  static final StringProperty<Album> ALBUM_TITLE = Property.string(Album.class, "title");
  static final ComparableProperty<Album, Integer> YEAR =
      Property.comparable(Album.class, "year", Integer.class);

  /**
   * The foreign-key column of a to-one relation, as a field (the metamodel has only the relation).
   */
  static final ComparableProperty<Album, Long> ALBUM_ARTIST_ID =
      Property.comparable(Album.class, "artist", Long.class);

  static final Relation<Album, Artist> ALBUM_ARTIST =
      Relation.toOne(Album.class, "artist", Artist.class);
  static final Relation<Album, Track> ALBUM_TRACKS =
      Relation.toMany(Album.class, "tracks", Track.class);

  static final ComparableProperty<Track, Long> TRACK_ID =
      Property.comparable(Track.class, "id", Long.class);
  static final StringProperty<Track> TRACK_TITLE = Property.string(Track.class, "title");
  static final ComparableProperty<Track, Integer> MILLIS =
      Property.comparable(Track.class, "millis", Integer.class);
  static final ComparableProperty<Track, BigDecimal> PRICE =
      Property.comparable(Track.class, "price", BigDecimal.class);
  static final StringProperty<Track> COMPOSER = Property.string(Track.class, "composer");
  static final ComparableProperty<Track, Genre> GENRE =
      Property.comparable(Track.class, "genre", Genre.class);
  static final ComparableProperty<Track, Long> TRACK_ALBUM_ID =
      Property.comparable(Track.class, "album", Long.class);
  static final Relation<Track, Album> TRACK_ALBUM =
      Relation.toOne(Track.class, "album", Album.class);
  static final Relation<Track, Playlist> TRACK_PLAYLISTS =
      Relation.toMany(Track.class, "playlists", Playlist.class);

  static final StringProperty<Playlist> PLAYLIST_NAME = Property.string(Playlist.class, "name");
  static final Relation<Playlist, Track> PLAYLIST_TRACKS =
      Relation.toMany(Playlist.class, "tracks", Track.class);

  static final StringProperty<Profile> BIO = Property.string(Profile.class, "bio");
  static final Relation<Profile, Artist> PROFILE_ARTIST =
      Relation.toOne(Profile.class, "artist", Artist.class);

  static final ComparableProperty<Employee, Long> EMPLOYEE_ID =
      Property.comparable(Employee.class, "id", Long.class);
  static final StringProperty<Employee> EMPLOYEE_NAME = Property.string(Employee.class, "name");
  static final ComparableProperty<Employee, Long> EMPLOYEE_MANAGER_ID =
      Property.comparable(Employee.class, "manager", Long.class);
  static final Relation<Employee, Employee> MANAGER =
      Relation.toOne(Employee.class, "manager", Employee.class);

  static final String ARTIST_COLUMNS = "artist.id, artist.name, artist.country";
  static final String ALBUM_COLUMNS = "album.id, album.title, album.\"year\", album.artist_id";
  static final String TRACK_COLUMNS =
      "track.id, track.title, track.millis, track.price, track.composer, track.genre, track.album_id";

  /** Renders the query's statement. */
  static Function<SqlRenderer, SqlStatement> query(Subquery query) {
    return r -> r.query(query).statement();
  }
}
