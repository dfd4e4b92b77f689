package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.exception.DuplicateKeyException;
import io.r2orm.core.exception.EntityNotFoundException;
import io.r2orm.core.exception.OptimisticLockException;
import io.r2orm.r2dbc.model.Address;
import io.r2orm.r2dbc.model.Author;
import io.r2orm.r2dbc.model.Book;
import io.r2orm.r2dbc.model.Country;
import io.r2orm.r2dbc.model.Customer;
import io.r2orm.r2dbc.model.Sku;
import io.r2orm.r2dbc.model.Tag;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class CrudIT extends DatabaseTest {

  @BeforeEach
  void freshTables() {
    db().schema()
        .drop(Book.class, Author.class, Tag.class, Country.class, Sku.class, Customer.class)
        .block();
    db().schema()
        .create(Book.class, Author.class, Tag.class, Country.class, Sku.class, Customer.class)
        .block();
  }

  private long rows(String table) {
    return testDatabase().queryOne("SELECT COUNT(*) FROM " + table, Long.class);
  }

  @Test
  void insertOfRecordReturnsNewInstanceWithGeneratedIdAndFirstVersion() {
    Book dune = Book.of("Dune", 1965);
    StepVerifier.create(db().insert(dune))
        .assertNext(
            saved -> {
              assertThat(saved).isNotSameAs(dune);
              assertThat(saved.id()).isNotNull().isPositive();
              assertThat(saved.version()).isEqualTo(1);
              assertThat(saved.title()).isEqualTo("Dune");
            })
        .verifyComplete();
    assertThat(dune.id()).isNull();
    assertThat(testDatabase().queryOne("SELECT title FROM book", String.class)).isEqualTo("Dune");
  }

  @Test
  void insertOfClassSetsTheGeneratedIdInPlaceAndSkipsTransientFields() {
    Author author = new Author("Frank Herbert", LocalDate.of(1920, 10, 8));
    author.setNickname("not stored");
    StepVerifier.create(db().insert(author))
        .assertNext(saved -> assertThat(saved).isSameAs(author))
        .verifyComplete();
    assertThat(author.getId()).isNotNull();
    StepVerifier.create(db().findById(Author.class, author.getId()))
        .assertNext(
            read -> {
              assertThat(read.getName()).isEqualTo("Frank Herbert");
              assertThat(read.getBorn()).isEqualTo(LocalDate.of(1920, 10, 8));
              assertThat(read.getNickname()).isNull();
            })
        .verifyComplete();
  }

  @Test
  void insertDrawsARandomUuidForUuidIds() {
    Tag saved = db().insert(new Tag(null, "classic")).block();
    assertThat(saved.id()).isNotNull();
    StepVerifier.create(db().findById(Tag.class, saved.id())).expectNext(saved).verifyComplete();
  }

  @Test
  void insertOfAssignedIdThatIsNullFailsNamingTheProperty() {
    StepVerifier.create(db().insert(new Country(null, "Nowhere")))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Country.code")
                    .hasMessageContaining("assigned id"))
        .verify();
    assertThat(rows("country")).isZero();
  }

  @Test
  void insertAllReturnsEveryGeneratedKeyInInputOrderAcrossBatches() {
    Database small = Database.builder(testDatabase().pool()).insertBatchSize(100).build();
    List<Book> input =
        IntStream.range(0, 250).mapToObj(i -> Book.of("title-" + i, 1900 + i)).toList();
    List<Book> saved = small.insertAll(input).collectList().block();
    assertThat(saved).hasSize(250);
    for (int i = 0; i < saved.size(); i++) {
      Book b = saved.get(i);
      assertThat(b.title()).isEqualTo("title-" + i);
      assertThat(b.version()).isEqualTo(1);
      String stored =
          testDatabase().queryOne("SELECT title FROM book WHERE id = " + b.id(), String.class);
      assertThat(stored).as("row stored under id %d", b.id()).isEqualTo("title-" + i);
    }
    assertThat(saved.stream().map(Book::id).distinct()).hasSize(250);
  }

  @Test
  void insertAllIsAllOrNothingWhenALaterBatchFails() {
    Database small = Database.builder(testDatabase().pool()).insertBatchSize(10).build();
    List<Book> input =
        IntStream.range(0, 35)
            .mapToObj(i -> Book.of(i == 34 ? "title-0" : "title-" + i, 2000))
            .toList();
    StepVerifier.create(small.insertAll(input)).expectError(DuplicateKeyException.class).verify();
    assertThat(rows("book")).isZero();
  }

  @Test
  void insertAllOfAssignedIdsAndEmptyInput() {
    List<Country> input = List.of(new Country("de", "Germany"), new Country("fr", "France"));
    StepVerifier.create(db().insertAll(input)).expectNextSequence(input).verifyComplete();
    StepVerifier.create(db().insertAll(List.<Country>of())).verifyComplete();
    assertThat(rows("country")).isEqualTo(2);
  }

  @Test
  void updateWritesEveryColumnAndIncrementsTheVersion() {
    Book saved = db().insert(Book.of("Dune", 1965)).block();
    StepVerifier.create(db().update(saved.withTitle("Dune Messiah")))
        .assertNext(updated -> assertThat(updated.version()).isEqualTo(2))
        .verifyComplete();
    assertThat(testDatabase().queryOne("SELECT title FROM book", String.class))
        .isEqualTo("Dune Messiah");
  }

  @Test
  void staleUpdateFailsWithOptimisticLockAndChangesNothing() {
    Book saved = db().insert(Book.of("Dune", 1965)).block();
    db().update(saved.withTitle("first writer")).block();
    StepVerifier.create(db().update(saved.withTitle("second writer")))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(OptimisticLockException.class)
                    .hasMessageContaining("Book")
                    .hasMessageContaining("version 1")
                    .hasMessageContaining("re-read"))
        .verify();
    assertThat(testDatabase().queryOne("SELECT title FROM book", String.class))
        .isEqualTo("first writer");
  }

  @Test
  void updateOfAMissingUnversionedRowFailsWithNotFound() {
    Author author = db().insert(new Author("A", null)).block();
    db().deleteById(Author.class, author.getId()).block();
    StepVerifier.create(db().update(author)).expectError(EntityNotFoundException.class).verify();
  }

  @Test
  void saveInsertsNewAndUpdatesStoredEntities() {
    Book inserted = db().save(Book.of("Dune", 1965)).block();
    assertThat(inserted.id()).isNotNull();
    Book updated = db().save(inserted.withTitle("Children of Dune")).block();
    assertThat(updated.version()).isEqualTo(2);
    assertThat(rows("book")).isEqualTo(1);
    assertThat(testDatabase().queryOne("SELECT title FROM book", String.class))
        .isEqualTo("Children of Dune");
  }

  @Test
  void saveOfAssignedIdWithoutVersionUpserts() {
    db().save(new Country("nl", "Holland")).block();
    db().save(new Country("nl", "Netherlands")).block();
    assertThat(rows("country")).isEqualTo(1);
    assertThat(testDatabase().queryOne("SELECT name FROM country", String.class))
        .isEqualTo("Netherlands");
  }

  @Test
  void saveOfAssignedIdDecidesByTheVersion() {
    Sku first = db().save(new Sku("A-1", "bolt", null)).block();
    assertThat(first.version()).isEqualTo(1L);
    Sku second = db().save(new Sku("A-1", "nut", first.version())).block();
    assertThat(second.version()).isEqualTo(2L);
    StepVerifier.create(db().save(new Sku("A-1", "stale", 1L)))
        .expectError(OptimisticLockException.class)
        .verify();
    StepVerifier.create(db().save(new Sku("A-1", "duplicate", null)))
        .expectError(DuplicateKeyException.class)
        .verify();
    assertThat(testDatabase().queryOne("SELECT description FROM sku", String.class))
        .isEqualTo("nut");
  }

  @Test
  void deleteChecksTheVersionAndDeleteByIdCountsRows() {
    Book saved = db().insert(Book.of("Dune", 1965)).block();
    Book updated = db().update(saved.withTitle("x")).block();
    StepVerifier.create(db().delete(saved)).expectError(OptimisticLockException.class).verify();
    StepVerifier.create(db().delete(updated)).verifyComplete();
    assertThat(rows("book")).isZero();
    StepVerifier.create(db().deleteById(Book.class, updated.id())).expectNext(0L).verifyComplete();
  }

  @Test
  void duplicateKeyIsTranslatedWithTheSqlAndWithoutTheValues() {
    db().insert(Book.of("secret-title", 1965)).block();
    StepVerifier.create(db().insert(Book.of("secret-title", 1966)))
        .expectErrorSatisfies(
            e -> {
              assertThat(e).isInstanceOf(DuplicateKeyException.class);
              DuplicateKeyException d = (DuplicateKeyException) e;
              assertThat(d.sqlState()).isEqualTo("23505");
              assertThat(d.sql()).startsWith("INSERT INTO book");
              assertThat(d.getMessage()).contains("INSERT INTO book");
              assertThat(d.getMessage().replace(d.sql(), "")).doesNotContain("1966");
            })
        .verify();
    assertThat(rows("book")).isEqualTo(1);
  }

  @Test
  void sqlIsLoggedAtDebugWithoutBoundValues() {
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.r2orm.sql");
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender =
        new ch.qos.logback.core.read.ListAppender<>();
    appender.start();
    ch.qos.logback.classic.Level before = logger.getLevel();
    logger.setLevel(ch.qos.logback.classic.Level.DEBUG);
    logger.addAppender(appender);
    try {
      db().insert(Book.of("top-secret-title", 1965)).block();
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(before);
    }
    assertThat(appender.list)
        .extracting(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage)
        .anySatisfy(m -> assertThat(m).contains("INSERT INTO book"))
        .noneSatisfy(m -> assertThat(m).contains("top-secret-title"));
  }

  @Test
  void embeddedPartsRoundTripIncludingNull() {
    Customer withWork =
        new Customer(
            null,
            "Ann",
            new Address("Main St 1", "Springfield"),
            new Address("Dock 2", "Shelbyville"));
    Customer withoutWork = new Customer(null, "Bob", new Address("Elm St 3", "Springfield"), null);
    Customer a = db().insert(withWork).block();
    Customer b = db().insert(withoutWork).block();
    StepVerifier.create(db().findById(Customer.class, a.id())).expectNext(a).verifyComplete();
    StepVerifier.create(db().findById(Customer.class, b.id())).expectNext(b).verifyComplete();
    assertThat(
            testDatabase()
                .queryOne("SELECT work_city FROM customer WHERE id = " + a.id(), String.class))
        .isEqualTo("Shelbyville");
  }
}
