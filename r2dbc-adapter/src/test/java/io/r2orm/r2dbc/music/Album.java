package io.r2orm.r2dbc.music;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Index;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.query.Ref;
import java.util.List;

/** A mutable class with a many-to-one and a one-to-many (children by id). */
@Table(value = "album", indexes = @Index(properties = "artist"))
public class Album {
  @Id private Long id;
  private String title;
  private Integer year;
  @ManyToOne private Ref<Artist> artist;

  @OneToMany(mappedBy = "album")
  private List<Track> tracks;

  protected Album() {}

  public Album(String title, Integer year, Ref<Artist> artist) {
    this.title = title;
    this.year = year;
    this.artist = artist;
  }

  public Long getId() {
    return id;
  }

  public String getTitle() {
    return title;
  }

  public Integer getYear() {
    return year;
  }

  public Ref<Artist> getArtist() {
    return artist;
  }

  public List<Track> getTracks() {
    return tracks;
  }
}
