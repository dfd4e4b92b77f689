package io.r2orm.examples.store.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.r2orm.examples.store.model.Album;
import io.r2orm.examples.store.model.Artist;
import io.r2orm.examples.store.model.Genre;
import io.r2orm.examples.store.model.Invoice;
import io.r2orm.examples.store.model.InvoiceLine;
import io.r2orm.examples.store.model.Playlist;
import io.r2orm.examples.store.model.Track;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

/**
 * The JSON shapes of the API, built from entities. Relations appear only when the request included
 * (and so fetched) them; absent ones are left out of the JSON rather than sent as null.
 */
public final class Views {
  private Views() {}

  /** One keyset page: the items and the page token of the next page ({@code null} on the last). */
  public record PageView<T>(List<T> items, String next) {}

  /** An artist without relations. */
  public record ArtistSummary(long id, String name) {
    static ArtistSummary of(Artist a) {
      return new ArtistSummary(a.id(), a.name());
    }
  }

  /** An artist with its albums when included. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ArtistView(long id, String name, List<AlbumView> albums) {}

  /** An album; its artist and tracks when loaded. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record AlbumView(
      long id, String title, Integer year, ArtistSummary artist, List<TrackView> tracks) {}

  /** A track; its genre when loaded. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record TrackView(
      long id, String title, int millis, BigDecimal price, long albumId, GenreView genre) {}

  /** A genre. */
  public record GenreView(long id, String name) {}

  /**
   * A track with its album's title and artist's name: a row of the streaming endpoint and of a
   * playlist. Built by r2orm from a projection ({@code into(TrackLine.class)}).
   */
  public record TrackLine(Long id, String title, Integer millis, String album, String artist) {}

  /** A playlist without its tracks; {@code version} is what an update must send back. */
  public record PlaylistView(long id, String name, int version) {
    static PlaylistView of(Playlist p) {
      return new PlaylistView(p.id(), p.name(), p.version());
    }
  }

  /**
   * The body of {@code POST /api/playlists} ({@code name}) and {@code PUT} ({@code name}, {@code
   * version}).
   */
  public record PlaylistRequest(String name, Integer version) {}

  /** An invoice; its lines when included. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record InvoiceView(long id, LocalDate issuedOn, BigDecimal total, List<LineView> lines) {}

  /** An invoice line; its track when included. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record LineView(
      long id, long trackId, BigDecimal unitPrice, int quantity, TrackView track) {}

  /** Per genre: its tracks and the revenue of their invoice lines. A row of one aggregate query. */
  public record GenreStats(Long id, String genre, Long tracks, BigDecimal revenue) {}

  static ArtistView artist(Artist a, boolean albums, boolean tracks) {
    return new ArtistView(
        a.id(), a.name(), albums ? map(a.albums(), al -> album(al, false, tracks, false)) : null);
  }

  static AlbumView album(Album a, boolean artist, boolean tracks, boolean genres) {
    return new AlbumView(
        a.id(),
        a.title(),
        a.year(),
        artist ? ArtistSummary.of(a.artist().get()) : null,
        tracks ? map(a.tracks(), t -> track(t, genres)) : null);
  }

  static TrackView track(Track t, boolean genre) {
    Genre g = genre ? t.genre().get() : null;
    return new TrackView(
        t.id(),
        t.title(),
        t.millis(),
        t.price(),
        (Long) t.album().id(),
        g == null ? null : new GenreView(g.id(), g.name()));
  }

  static TrackLine trackLine(Track t) {
    Album album = t.album().get();
    return new TrackLine(t.id(), t.title(), t.millis(), album.title(), album.artist().get().name());
  }

  static InvoiceView invoice(Invoice i, boolean lines, boolean tracks) {
    return new InvoiceView(
        i.id(), i.issuedOn(), i.total(), lines ? map(i.lines(), l -> line(l, tracks)) : null);
  }

  static LineView line(InvoiceLine l, boolean track) {
    return new LineView(
        l.id(),
        (Long) l.track().id(),
        l.unitPrice(),
        l.quantity(),
        track ? track(l.track().get(), false) : null);
  }

  private static <A, B> List<B> map(List<A> list, Function<A, B> f) {
    return list.stream().map(f).toList();
  }
}
