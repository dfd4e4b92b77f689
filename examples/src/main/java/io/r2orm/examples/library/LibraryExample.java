package io.r2orm.examples.library;

import static io.r2orm.core.query.Functions.count;
import static io.r2orm.core.query.Functions.min;

import io.r2dbc.pool.ConnectionPool;
import io.r2dbc.pool.ConnectionPoolConfiguration;
import io.r2dbc.spi.ConnectionFactories;
import io.r2orm.r2dbc.Database;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A tour of r2orm: creates its schema on an in-memory H2 database (or the R2DBC URL in {@code
 * R2ORM_EXAMPLE_URL}), inserts authors and books, queries, updates with an optimistic lock, and
 * prints what happened. Run it with {@code ./mvnw -q -pl examples -am compile exec:java}.
 */
public final class LibraryExample {
  private LibraryExample() {}

  public static void main(String[] args) {
    String url =
        System.getenv()
            .getOrDefault("R2ORM_EXAMPLE_URL", "r2dbc:h2:mem:///library?options=DB_CLOSE_DELAY=-1");
    ConnectionPool pool =
        new ConnectionPool(
            ConnectionPoolConfiguration.builder(ConnectionFactories.get(url)).maxSize(4).build());
    try {
      Database db = Database.builder(pool).converter(Money.class, new Money.Converter()).build();
      run(db).block(Duration.ofMinutes(1));
    } finally {
      pool.dispose();
    }
  }

  static Mono<Void> run(Database db) {
    return db.schema()
        .drop(Book.class, Author.class)
        .then(db.schema().create(Author.class, Book.class))
        .then(
            db.insertAll(
                    List.of(
                        new Author(null, "Frank Herbert", "US"),
                        new Author(null, "Ursula K. Le Guin", "US"),
                        new Author(null, "Mary Shelley", "GB")))
                .collectList())
        .flatMap(
            authors ->
                db.insertAll(
                        List.of(
                            Book.of(
                                "Dune",
                                authors.get(0),
                                Book.Genre.SCIENCE_FICTION,
                                1965,
                                "9.99",
                                "A"),
                            Book.of(
                                "Dune Messiah",
                                authors.get(0),
                                Book.Genre.SCIENCE_FICTION,
                                1969,
                                "8.99",
                                "A"),
                            Book.of(
                                "A Wizard of Earthsea",
                                authors.get(1),
                                Book.Genre.FANTASY,
                                1968,
                                "7.50",
                                "B"),
                            Book.of(
                                "The Left Hand of Darkness",
                                authors.get(1),
                                Book.Genre.SCIENCE_FICTION,
                                1969,
                                "10.00",
                                "B"),
                            Book.of(
                                "Frankenstein",
                                authors.get(2),
                                Book.Genre.CLASSIC,
                                1818,
                                "4.99",
                                "C")))
                    .doOnNext(
                        b -> print("inserted  #%d %s (version %d)", b.id(), b.title(), b.version()))
                    .then())
        .then(
            db.select(Book.class)
                .where(
                    Book_.GENRE
                        .eq(Book.Genre.SCIENCE_FICTION)
                        .and(Book_.TITLE.startsWith("Dune").not()))
                .orderBy(Book_.PUBLISHED.desc(), Book_.TITLE.asc())
                .all()
                .doOnNext(
                    b ->
                        print(
                            "sci-fi    %s, %s, %s", b.title(), b.published().getYear(), b.price()))
                .then())
        .then(
            db.select(Book.class)
                .where(Book_.SHELF_ROOM.eq("A"))
                .count()
                .doOnNext(n -> print("shelf A   %d books", n)))
        .then(
            db.select(Author_.NAME, count(), min(Book_.PUBLISHED))
                .from(Author.class)
                .join(Book.class, Book_.AUTHOR_ID.eq(Author_.ID))
                .groupBy(Author_.NAME)
                .orderBy(count().desc(), Author_.NAME.asc())
                .all()
                .doOnNext(
                    r ->
                        print(
                            "by author %s: %d book(s), first in %d",
                            r.v1(), r.v2(), r.v3().getYear()))
                .then())
        .then(
            db.select(Book.class)
                .orderBy(Book_.TITLE.asc())
                .pages(2)
                .doOnNext(
                    p ->
                        print(
                            "page      %s%s",
                            p.items().stream().map(Book::title).toList(), p.hasNext() ? " …" : ""))
                .then())
        .then(
            db.upsertInto(Author.class)
                .onConflict(Author_.NAME)
                .all(
                    List.of(
                        new Author(null, "Mary Shelley", "UK"),
                        new Author(null, "Octavia E. Butler", "US")))
                .doOnNext(a -> print("upserted  #%d %s (%s)", a.id(), a.name(), a.country()))
                .then())
        .then(db.select(Book.class).where(Book_.TITLE.eq("Dune")).one())
        .flatMap(
            dune ->
                db.update(dune.withPrice(new Money(new BigDecimal("12.50"))))
                    .doOnNext(
                        b ->
                            print(
                                "updated   %s costs %s now (version %d)",
                                b.title(), b.price(), b.version()))
                    .then(db.update(dune.withPrice(new Money(BigDecimal.ONE))))
                    .onErrorResume(
                        e -> {
                          print("stale     %s: %s", e.getClass().getSimpleName(), e.getMessage());
                          return Mono.empty();
                        }))
        .then(
            db.delete(Book.class)
                .where(Book_.PUBLISHED.lt(java.time.LocalDate.of(1900, 1, 1)))
                .execute()
                .doOnNext(n -> print("deleted   %d book(s) published before 1900", n)))
        .thenMany(Flux.defer(() -> db.select(Book.class).orderBy(Book_.ID.asc()).all()))
        .doOnNext(b -> print("remaining #%d %s", b.id(), b.title()))
        .then();
  }

  private static void print(String format, Object... args) {
    System.out.println(String.format(format, args));
  }
}
