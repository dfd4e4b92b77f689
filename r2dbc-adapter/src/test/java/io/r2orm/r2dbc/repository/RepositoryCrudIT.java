package io.r2orm.r2dbc.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.exception.DuplicateKeyException;
import io.r2orm.core.exception.OptimisticLockException;
import io.r2orm.core.query.Property;
import io.r2orm.r2dbc.model.Film;
import io.r2orm.r2dbc.model.Film_;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** The ready-made CRUD methods, sorting, paging, default methods and generic base repositories. */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class RepositoryCrudIT extends DatabaseTest {

  /**
   * A base repository for any entity with a title; its type variable resolves per sub-interface.
   */
  interface TitledRepository<T> extends ReactiveRepository<T, Long> {
    Flux<T> findByTitleStartingWith(String prefix);
  }

  interface FilmRepository extends TitledRepository<Film> {
    Flux<Film> findByDirector(String director, Sort sort);

    default Flux<Film> byDirectorNewestFirst(String director) {
      return findByDirector(director, Sort.desc("year"));
    }

    default Mono<String> titleOf(long id) {
      return findById(id).map(Film::title).defaultIfEmpty(missing(id));
    }

    default String missing(long id) {
      return "no film " + id;
    }

    default Flux<Film> byIds(Long... ids) {
      return findAllById(List.of(ids));
    }
  }

  private FilmRepository films;

  @BeforeEach
  void fixture() {
    FilmFixture.write(testDatabase());
    films = Repositories.create(db(), FilmRepository.class);
  }

  private static List<Long> ids(Flux<Film> result) {
    return result.map(Film::id).collectList().block();
  }

  @Test
  void saveInsertsThenUpdatesWithTheVersion() {
    Film saved = films.save(Film.of("Solaris", 1972, "Andrei Tarkovsky")).block();
    assertThat(saved.id()).isEqualTo(100L);
    assertThat(saved.version()).isEqualTo(1);
    Film updated = films.save(saved.withDirector("A. Tarkovsky")).block();
    assertThat(updated.version()).isEqualTo(2);
    assertThat(testDatabase().queryOne("SELECT director FROM film WHERE id = 100", String.class))
        .isEqualTo("A. Tarkovsky");
    StepVerifier.create(films.save(saved.withDirector("stale")))
        .expectError(OptimisticLockException.class)
        .verify();
    StepVerifier.create(films.save(null)).expectError(NullPointerException.class).verify();
  }

  @Test
  void saveAllStoresEveryEntityInOrderOrNone() {
    StepVerifier.create(
            films
                .saveAll(
                    List.of(
                        Film.of("Stalker", 1979, "Andrei Tarkovsky"),
                        Film.of("Mirror", 1975, null)))
                .map(Film::id))
        .expectNext(100L, 101L)
        .verifyComplete();
    StepVerifier.create(
            films.saveAll(List.of(Film.of("Nostalghia", 1983, null), Film.of("Alien", 1979, null))))
        .expectNextCount(1)
        .expectError(DuplicateKeyException.class)
        .verify();
    assertThat(
            testDatabase()
                .queryOne("SELECT COUNT(*) FROM film WHERE title = 'Nostalghia'", Long.class))
        .as("rolled back with the duplicate")
        .isZero();
    assertThat(testDatabase().queryOne("SELECT COUNT(*) FROM film", Long.class)).isEqualTo(8L);
  }

  @Test
  void readsByIdAndExistence() {
    StepVerifier.create(films.findById(4L).map(Film::title)).expectNext("Dune").verifyComplete();
    StepVerifier.create(films.findById(42L)).verifyComplete();
    assertThat(ids(films.findAllById(List.of(5L, 1L, 42L, 3L)))).containsExactly(1L, 3L, 5L);
    assertThat(ids(films.findAllById(List.of()))).isEmpty();
    StepVerifier.create(films.existsById(2L)).expectNext(true).verifyComplete();
    StepVerifier.create(films.existsById(42L)).expectNext(false).verifyComplete();
    StepVerifier.create(films.count()).expectNext(6L).verifyComplete();
  }

  @Test
  void findAllSortedByNamesOrTypedOrders() {
    assertThat(ids(films.findAll())).hasSize(6).containsOnly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(ids(films.findAll(Sort.desc("id")))).containsExactly(6L, 5L, 4L, 3L, 2L, 1L);
    assertThat(ids(films.findAll(Sort.by(Film_.YEAR.desc().nullsLast(), Film_.ID.asc()))))
        .containsExactly(5L, 3L, 4L, 2L, 1L, 6L);
    assertThat(
            ids(
                films.findAll(
                    Sort.by(Property.named("studio.city").asc().nullsLast()).and(Sort.desc("id")))))
        .as("a nested path")
        .containsExactly(5L, 3L, 1L, 2L, 4L, 6L);
    StepVerifier.create(films.findAll(Sort.asc("rating")))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .hasMessageContaining("no mapped property 'rating'")
                    .hasMessageContaining("known properties"))
        .verify();
  }

  @Test
  void pagesAreStableWithoutAnOrderAndCarryTheirTotal() {
    assertThat(ids(films.findAll(PageRequest.of(0, 4)))).containsExactly(1L, 2L, 3L, 4L);
    assertThat(ids(films.findAll(PageRequest.of(1, 4)))).containsExactly(5L, 6L);
    assertThat(ids(films.findAll(PageRequest.of(0, 2, Sort.desc("id"))))).containsExactly(6L, 5L);
    assertThat(ids(films.findAll(PageRequest.of(0, 2, Sort.desc("id")).next())))
        .containsExactly(4L, 3L);
    StepVerifier.create(films.findPage(PageRequest.of(1, 4)))
        .assertNext(
            page -> {
              assertThat(page.items()).extracting(Film::id).containsExactly(5L, 6L);
              assertThat(page.total()).isEqualTo(6L);
              assertThat(page.totalPages()).isEqualTo(2L);
              assertThat(page.hasNext()).isFalse();
            })
        .verifyComplete();
    StepVerifier.create(films.findPage(PageRequest.of(9, 4)))
        .assertNext(page -> assertThat(page.items()).isEmpty())
        .verifyComplete();
  }

  @Test
  void deletes() {
    Film dune = films.findById(4L).block();
    StepVerifier.create(films.delete(dune)).verifyComplete();
    StepVerifier.create(films.delete(dune))
        .as("already gone")
        .expectError(OptimisticLockException.class)
        .verify();
    StepVerifier.create(films.deleteById(1L)).expectNext(1L).verifyComplete();
    StepVerifier.create(films.deleteById(1L)).expectNext(0L).verifyComplete();
    StepVerifier.create(films.deleteAll()).expectNext(4L).verifyComplete();
    assertThat(testDatabase().queryOne("SELECT COUNT(*) FROM film", Long.class)).isZero();
  }

  @Test
  void defaultMethodsRunOnTheProxyAndCallItsOtherMethods() {
    assertThat(ids(films.byDirectorNewestFirst("Ridley Scott"))).containsExactly(2L, 1L);
    StepVerifier.create(films.titleOf(3L)).expectNext("Brazil").verifyComplete();
    StepVerifier.create(films.titleOf(42L)).expectNext("no film 42").verifyComplete();
    assertThat(ids(films.byIds(2L, 5L))).containsExactly(2L, 5L);
  }

  @Test
  void methodsOfAGenericBaseRepositoryResolveToTheEntity() {
    assertThat(ids(films.findByTitleStartingWith("B").sort((a, b) -> Long.compare(a.id(), b.id()))))
        .containsExactly(2L, 3L);
    ReactiveRepository<Film, Long> base = films;
    StepVerifier.create(base.findById(1L).map(Film::title)).expectNext("Alien").verifyComplete();
  }

  @Test
  void objectMethodsDescribeTheRepository() {
    assertThat(films.toString()).isEqualTo("FilmRepository (r2orm repository of Film)");
    assertThat(films)
        .isEqualTo(films)
        .isNotEqualTo(Repositories.create(db(), FilmRepository.class));
    assertThat(films.hashCode()).isEqualTo(System.identityHashCode(films));
  }
}
