package io.r2orm.examples.store.data;

import io.r2orm.examples.store.MusicStoreProperties;
import io.r2orm.examples.store.model.Album;
import io.r2orm.examples.store.model.Artist;
import io.r2orm.examples.store.model.Customer;
import io.r2orm.examples.store.model.Genre;
import io.r2orm.examples.store.model.Invoice;
import io.r2orm.examples.store.model.InvoiceLine;
import io.r2orm.examples.store.model.Playlist;
import io.r2orm.examples.store.model.Playlist_;
import io.r2orm.examples.store.model.Track;
import io.r2orm.r2dbc.Database;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import reactor.core.publisher.Mono;

/**
 * Generates the store's sample data from a seed: artists, albums, tracks, genres, playlists with
 * tracks, customers, invoices with lines. Everything is built in memory in a fixed order from one
 * {@link Random}, so the same seed and sizes give the same rows; each table is written with {@code
 * insertAll} (one statement per 1000 rows), which hands back the generated ids the next table
 * refers to. The last genre gets no tracks, so the statistics show a genre without sales.
 */
public final class SampleData {
  private static final BigDecimal[] PRICES = {
    new BigDecimal("0.99"), new BigDecimal("1.29"), new BigDecimal("1.99")
  };
  private static final LocalDate FIRST_SALE = LocalDate.of(2024, 1, 1);

  private final Database db;
  private final MusicStoreProperties.Data sizes;

  public SampleData(Database db, MusicStoreProperties.Data sizes) {
    this.db = Objects.requireNonNull(db, "db must not be null");
    this.sizes = Objects.requireNonNull(sizes, "sizes must not be null");
  }

  /** What was generated. */
  public record Summary(
      int genres,
      int artists,
      int albums,
      int tracks,
      int playlists,
      long playlistTracks,
      int customers,
      int invoices,
      int invoiceLines) {
    @Override
    public String toString() {
      return String.format(
          Locale.ROOT,
          "%d genres, %d artists, %d albums, %d tracks, %d playlists (%d tracks), "
              + "%d customers, %d invoices (%d lines)",
          genres,
          artists,
          albums,
          tracks,
          playlists,
          playlistTracks,
          customers,
          invoices,
          invoiceLines);
    }
  }

  /** Inserts the sample data into empty tables; emits what was inserted. */
  public Mono<Summary> generate() {
    return Mono.defer(
        () -> {
          Random random = new Random(sizes.getSeed());
          return db.insertAll(Names.GENRES.stream().map(Genre::named).toList())
              .collectList()
              .flatMap(
                  genres ->
                      db.insertAll(artists(random))
                          .collectList()
                          .flatMap(
                              artists ->
                                  db.insertAll(albums(random, artists))
                                      .collectList()
                                      .flatMap(
                                          albums ->
                                              db.insertAll(tracks(random, albums, genres))
                                                  .collectList()
                                                  .flatMap(
                                                      tracks ->
                                                          playlists(random, tracks)
                                                              .flatMap(
                                                                  p ->
                                                                      customersAndInvoices(
                                                                              random, tracks)
                                                                          .map(
                                                                              c ->
                                                                                  new Summary(
                                                                                      genres.size(),
                                                                                      artists
                                                                                          .size(),
                                                                                      albums.size(),
                                                                                      tracks.size(),
                                                                                      (int) p[0],
                                                                                      p[1],
                                                                                      c[0],
                                                                                      c[1],
                                                                                      c[2])))))));
        });
  }

  private List<Artist> artists(Random random) {
    List<Artist> artists = new ArrayList<>(sizes.getArtists());
    for (int i = 0; i < sizes.getArtists(); i++) {
      artists.add(Artist.named(Names.artist(random)));
    }
    return artists;
  }

  private List<Album> albums(Random random, List<Artist> artists) {
    List<Album> albums = new ArrayList<>();
    for (Artist artist : artists) {
      int count = 1 + random.nextInt(sizes.getMaxAlbumsPerArtist());
      for (int i = 0; i < count; i++) {
        albums.add(Album.of(Names.album(random), 1965 + random.nextInt(60), artist.id()));
      }
    }
    return albums;
  }

  private List<Track> tracks(Random random, List<Album> albums, List<Genre> genres) {
    List<Track> tracks = new ArrayList<>();
    for (Album album : albums) {
      Genre genre = genres.get(random.nextInt(genres.size() - 1)); // never the last one
      int count = 6 + random.nextInt(sizes.getMaxTracksPerAlbum() - 5);
      for (int i = 0; i < count; i++) {
        Genre trackGenre =
            random.nextInt(5) == 0 ? genres.get(random.nextInt(genres.size() - 1)) : genre;
        tracks.add(
            Track.of(
                Names.track(random),
                90_000 + random.nextInt(420_000),
                PRICES[random.nextInt(PRICES.length)],
                album.id(),
                trackGenre.id()));
      }
    }
    return tracks;
  }

  /** Inserts the playlists and their link rows; emits {playlists, link rows}. */
  private Mono<long[]> playlists(Random random, List<Track> tracks) {
    List<Playlist> drafts = new ArrayList<>();
    List<List<Long>> trackIds = new ArrayList<>();
    for (int i = 0; i < sizes.getPlaylists(); i++) {
      drafts.add(Playlist.named(Names.playlist(random, i + 1)));
      trackIds.add(
          distinctTracks(random, tracks, random.nextInt(sizes.getMaxTracksPerPlaylist()) + 1)
              .stream()
              .map(Track::id)
              .toList());
    }
    return db.insertAll(drafts)
        .index()
        .concatMap(p -> db.link(Playlist_.TRACKS, p.getT2(), trackIds.get(p.getT1().intValue())))
        .reduce(0L, Long::sum)
        .map(links -> new long[] {drafts.size(), links});
  }

  /**
   * Inserts customers, their invoices and the invoices' lines; emits {customers, invoices, lines}.
   */
  private Mono<int[]> customersAndInvoices(Random random, List<Track> tracks) {
    List<Customer> customers = new ArrayList<>();
    for (int i = 0; i < sizes.getCustomers(); i++) {
      String[] name = Names.person(random);
      String email =
          (name[0] + "." + name[1] + "." + (i + 1) + "@example.com").toLowerCase(Locale.ROOT);
      customers.add(
          new Customer(null, name[0] + " " + name[1], email, Names.pick(random, Names.COUNTRIES)));
    }
    return db.insertAll(customers)
        .collectList()
        .flatMap(
            stored -> {
              List<Invoice> invoices = new ArrayList<>();
              List<List<LineDraft>> lines = new ArrayList<>();
              for (Customer customer : stored) {
                int count = 1 + random.nextInt(sizes.getMaxInvoicesPerCustomer());
                for (int i = 0; i < count; i++) {
                  List<LineDraft> draft = new ArrayList<>();
                  BigDecimal total = BigDecimal.ZERO;
                  for (Track track :
                      distinctTracks(
                          random, tracks, 1 + random.nextInt(sizes.getMaxLinesPerInvoice()))) {
                    LineDraft line = new LineDraft(track, random.nextInt(6) == 0 ? 2 : 1);
                    draft.add(line);
                    total = total.add(track.price().multiply(BigDecimal.valueOf(line.quantity())));
                  }
                  invoices.add(
                      Invoice.of(customer.id(), FIRST_SALE.plusDays(random.nextInt(540)), total));
                  lines.add(draft);
                }
              }
              return db.insertAll(invoices)
                  .collectList()
                  .flatMap(
                      storedInvoices -> {
                        List<InvoiceLine> all = new ArrayList<>();
                        for (int i = 0; i < storedInvoices.size(); i++) {
                          long invoiceId = storedInvoices.get(i).id();
                          for (LineDraft l : lines.get(i)) {
                            all.add(
                                InvoiceLine.of(
                                    invoiceId, l.track().id(), l.track().price(), l.quantity()));
                          }
                        }
                        return db.insertAll(all)
                            .count()
                            .map(
                                n ->
                                    new int[] {stored.size(), storedInvoices.size(), n.intValue()});
                      });
            });
  }

  private record LineDraft(Track track, int quantity) {}

  private static Set<Track> distinctTracks(Random random, List<Track> tracks, int count) {
    Set<Track> picked = new LinkedHashSet<>();
    int wanted = Math.min(count, tracks.size());
    while (picked.size() < wanted) {
      picked.add(tracks.get(random.nextInt(tracks.size())));
    }
    return picked;
  }
}
