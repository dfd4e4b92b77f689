package io.r2orm.examples.store;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The music store's {@code music-store.*} settings: whether to rebuild the schema at start-up and
 * how much sample data to generate. The same seed and sizes always give the same data (and, on a
 * fresh schema, the same ids).
 */
@ConfigurationProperties("music-store")
public class MusicStoreProperties {
  /** Drop and recreate the store's tables at start-up, then generate the sample data. */
  private boolean reset = true;

  /** A database schema to create before the tables (PostgreSQL profile); none when unset. */
  private String databaseSchema;

  private final Data data = new Data();

  /** Sizes of the generated sample data. */
  public static class Data {
    /** Seed of the generator: the same seed gives the same data. */
    private long seed = 1979;

    /** Number of artists. */
    private int artists = 275;

    /** Albums per artist: 1 up to this many. */
    private int maxAlbumsPerArtist = 4;

    /** Tracks per album: 6 up to this many (at least 6). */
    private int maxTracksPerAlbum = 14;

    /** Number of playlists. */
    private int playlists = 25;

    /** Tracks per playlist: 1 up to this many. */
    private int maxTracksPerPlaylist = 30;

    /** Number of customers. */
    private int customers = 120;

    /** Invoices per customer: 1 up to this many. */
    private int maxInvoicesPerCustomer = 6;

    /** Lines per invoice: 1 up to this many. */
    private int maxLinesPerInvoice = 5;

    public long getSeed() {
      return seed;
    }

    public void setSeed(long seed) {
      this.seed = seed;
    }

    public int getArtists() {
      return artists;
    }

    public void setArtists(int artists) {
      this.artists = atLeast("artists", artists, 0);
    }

    public int getMaxAlbumsPerArtist() {
      return maxAlbumsPerArtist;
    }

    public void setMaxAlbumsPerArtist(int maxAlbumsPerArtist) {
      this.maxAlbumsPerArtist = atLeast("max-albums-per-artist", maxAlbumsPerArtist, 1);
    }

    public int getMaxTracksPerAlbum() {
      return maxTracksPerAlbum;
    }

    public void setMaxTracksPerAlbum(int maxTracksPerAlbum) {
      this.maxTracksPerAlbum = atLeast("max-tracks-per-album", maxTracksPerAlbum, 6);
    }

    public int getPlaylists() {
      return playlists;
    }

    public void setPlaylists(int playlists) {
      this.playlists = atLeast("playlists", playlists, 0);
    }

    public int getMaxTracksPerPlaylist() {
      return maxTracksPerPlaylist;
    }

    public void setMaxTracksPerPlaylist(int maxTracksPerPlaylist) {
      this.maxTracksPerPlaylist = atLeast("max-tracks-per-playlist", maxTracksPerPlaylist, 1);
    }

    public int getCustomers() {
      return customers;
    }

    public void setCustomers(int customers) {
      this.customers = atLeast("customers", customers, 0);
    }

    public int getMaxInvoicesPerCustomer() {
      return maxInvoicesPerCustomer;
    }

    public void setMaxInvoicesPerCustomer(int maxInvoicesPerCustomer) {
      this.maxInvoicesPerCustomer = atLeast("max-invoices-per-customer", maxInvoicesPerCustomer, 1);
    }

    public int getMaxLinesPerInvoice() {
      return maxLinesPerInvoice;
    }

    public void setMaxLinesPerInvoice(int maxLinesPerInvoice) {
      this.maxLinesPerInvoice = atLeast("max-lines-per-invoice", maxLinesPerInvoice, 1);
    }

    private static int atLeast(String name, int value, int min) {
      if (value < min) {
        throw new IllegalArgumentException(
            "music-store.data." + name + " must be at least " + min + ", got " + value);
      }
      return value;
    }
  }

  public boolean isReset() {
    return reset;
  }

  public void setReset(boolean reset) {
    this.reset = reset;
  }

  public String getDatabaseSchema() {
    return databaseSchema;
  }

  public void setDatabaseSchema(String databaseSchema) {
    this.databaseSchema = databaseSchema;
  }

  public Data getData() {
    return data;
  }
}
