package io.r2orm.examples.store.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Row;
import io.r2orm.examples.store.MusicStoreProperties;
import io.r2orm.r2dbc.Database;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;

/** The sample data is the same for the same seed and sizes, and as large as the sizes say. */
class SampleDataTest {
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Test
  void sameSeedGivesTheSameRowsAndIds() {
    MusicStoreProperties.Data sizes = sizes(7);
    List<String> first = generate("sample_a", sizes);
    List<String> second = generate("sample_b", sizes);
    assertThat(first).hasSizeGreaterThan(100).isEqualTo(second);
    assertThat(generate("sample_c", sizes(8))).isNotEqualTo(first);
  }

  @Test
  void sizesBoundWhatIsGeneratedAndRegeneratingStartsAfresh() {
    MusicStoreProperties.Data sizes = sizes(7);
    Database db = h2("sample_sizes");
    StoreSchema schema = new StoreSchema(db);
    SampleData.Summary summary =
        schema.recreate().then(new SampleData(db, sizes).generate()).block(WAIT);
    assertThat(summary.genres()).isEqualTo(13);
    assertThat(summary.artists()).isEqualTo(10);
    assertThat(summary.albums()).isBetween(10, 20);
    assertThat(summary.tracks()).isBetween(summary.albums() * 6, summary.albums() * 7);
    assertThat(summary.playlists()).isEqualTo(4);
    assertThat(summary.playlistTracks()).isBetween(4L, 12L);
    assertThat(summary.customers()).isEqualTo(6);
    assertThat(summary.invoices()).isBetween(6, 12);
    assertThat(summary.invoiceLines()).isBetween(summary.invoices(), summary.invoices() * 2);
    SampleData.Summary again =
        schema.recreate().then(new SampleData(db, sizes).generate()).block(WAIT);
    assertThat(again).isEqualTo(summary);
    assertThat(count("sample_sizes", "SELECT COUNT(*) FROM track")).isEqualTo(summary.tracks());
    assertThat(count("sample_sizes", "SELECT COUNT(*) FROM playlist_track"))
        .isEqualTo(summary.playlistTracks());
  }

  private static MusicStoreProperties.Data sizes(long seed) {
    MusicStoreProperties.Data sizes = new MusicStoreProperties.Data();
    sizes.setSeed(seed);
    sizes.setArtists(10);
    sizes.setMaxAlbumsPerArtist(2);
    sizes.setMaxTracksPerAlbum(7);
    sizes.setPlaylists(4);
    sizes.setMaxTracksPerPlaylist(3);
    sizes.setCustomers(6);
    sizes.setMaxInvoicesPerCustomer(2);
    sizes.setMaxLinesPerInvoice(2);
    return sizes;
  }

  /** Every generated row as text, in a fixed order, read with plain SQL. */
  private static List<String> generate(String name, MusicStoreProperties.Data sizes) {
    Database db = h2(name);
    new StoreSchema(db).recreate().then(new SampleData(db, sizes).generate()).block(WAIT);
    return query(
        name,
        "SELECT 'artist', id, name, NULL FROM artist UNION ALL "
            + "SELECT 'album', id, title, CAST(artist_id AS VARCHAR) FROM album UNION ALL "
            + "SELECT 'track', id, title, CONCAT(millis, '/', price, '/', album_id, '/', genre_id) FROM track UNION ALL "
            + "SELECT 'playlist', playlist_id, CAST(track_id AS VARCHAR), NULL FROM playlist_track UNION ALL "
            + "SELECT 'customer', id, email, country FROM customer UNION ALL "
            + "SELECT 'invoice', id, CAST(issued_on AS VARCHAR), CONCAT(customer_id, '/', total) FROM invoice UNION ALL "
            + "SELECT 'line', id, CAST(track_id AS VARCHAR), CONCAT(invoice_id, '/', unit_price, '/', quantity) FROM invoice_line "
            + "ORDER BY 1, 2, 3",
        row -> row.get(0, String.class) + "|" + row.get(1) + "|" + row.get(2) + "|" + row.get(3));
  }

  private static Database h2(String name) {
    return Database.create(factory(name));
  }

  private static ConnectionFactory factory(String name) {
    return ConnectionFactories.get("r2dbc:h2:mem:///" + name + "?options=DB_CLOSE_DELAY=-1");
  }

  /** Plain R2DBC, not r2orm: the check must not share the code under test. */
  private static <T> List<T> query(String name, String sql, Function<Row, T> mapper) {
    return Flux.usingWhen(
            factory(name).create(),
            c ->
                Flux.from(c.createStatement(sql).execute())
                    .flatMap(r -> r.map((row, meta) -> mapper.apply(row))),
            Connection::close)
        .collectList()
        .block(WAIT);
  }

  private static long count(String name, String sql) {
    return query(name, sql, row -> ((Number) row.get(0)).longValue()).get(0);
  }
}
