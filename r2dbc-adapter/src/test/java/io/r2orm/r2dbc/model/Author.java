package io.r2orm.r2dbc.model;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.annotation.Transient;
import java.time.LocalDate;

/** A mutable class entity without a version. */
@Table("author")
public class Author {
  @Id private Long id;
  private String name;
  private LocalDate born;
  @Transient private String nickname;

  protected Author() {}

  public Author(String name, LocalDate born) {
    this.name = name;
    this.born = born;
  }

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public LocalDate getBorn() {
    return born;
  }

  public String getNickname() {
    return nickname;
  }

  public void setNickname(String nickname) {
    this.nickname = nickname;
  }
}
