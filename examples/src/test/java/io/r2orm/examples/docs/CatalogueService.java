package io.r2orm.examples.docs;

import io.r2orm.r2dbc.Database;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Flux;

/** docs/spring-boot.md's read-only transactional method. */
@Service
public class CatalogueService {
  private final Database db;

  CatalogueService(Database db) {
    this.db = db;
  }

  // spring-boot.md
  @Transactional(readOnly = true)   // runs on the replica, with every r2orm call inside it
  public Flux<Album> catalogue() {
    return db.select(Album.class).fetch(Album_.ARTIST).all();
  }
  // spring-boot.md: end
}
