package io.r2orm.spring.app;

import io.r2orm.r2dbc.Database;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import reactor.core.publisher.Mono;

/** Writes notes inside Spring-managed transactions. */
@Service
public class NoteService {
  private final Database db;

  public NoteService(Database db) {
    this.db = db;
  }

  /** Inserts two notes, then fails: Spring rolls both back. */
  @Transactional
  public Mono<Void> insertTwoThenFail() {
    return db.insert(Note.of("first"))
        .then(db.insert(Note.of("second")))
        .then(Mono.error(new IllegalStateException("boom")));
  }

  /** Inserts a note and, through r2orm's own transaction call (which joins), another. */
  @Transactional
  public Mono<Long> insertTwo() {
    return db.insert(Note.of("one"))
        .then(db.transaction(tx -> tx.insert(Note.of("two"))).then())
        .then(db.select(Note.class).count());
  }
}
