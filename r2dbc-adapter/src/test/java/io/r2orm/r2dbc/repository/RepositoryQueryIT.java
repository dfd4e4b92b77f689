package io.r2orm.r2dbc.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.exception.NonUniqueResultException;
import io.r2orm.r2dbc.model.Film;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * {@code @Query} methods: named parameters, entities, records and single values, and modifying SQL.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class RepositoryQueryIT extends DatabaseTest {

  /** A projection into a record, by column name. */
  record DirectorCount(String director, long films, Integer firstYear) {}

  interface FilmRepository extends ReactiveRepository<Film, Long> {
    @Query("SELECT * FROM film WHERE title = :title")
    Mono<Film> byTitle(String title);

    @Query("SELECT * FROM film WHERE director = :director ORDER BY \"year\" DESC")
    Flux<Film> byDirector(@Param("director") String name);

    @Query(
        "SELECT director, COUNT(*) AS films, MIN(\"year\") AS first_year FROM film WHERE director IS NOT NULL "
            + "GROUP BY director HAVING COUNT(*) >= :atLeast ORDER BY director")
    Flux<DirectorCount> directors(long atLeast);

    @Query("SELECT title FROM film WHERE id = ANY(:ids) ORDER BY id")
    Flux<String> titles(List<Long> ids);

    @Query("SELECT title FROM film WHERE studio_city = ANY(:cities) ORDER BY id")
    Flux<String> titlesIn(Set<String> cities);

    @Query(
        "SELECT COUNT(*) FROM film WHERE director = :director OR (:director IS NULL AND director IS NULL)")
    Mono<Long> countBy(String director);

    @Query("SELECT * FROM film WHERE archived = :archived")
    Mono<Film> oneWhereArchived(boolean archived);

    @Query(value = "UPDATE film SET archived = TRUE WHERE director = :director", modifying = true)
    Mono<Long> archive(String director);

    @Query(value = "UPDATE film SET archived = FALSE WHERE archived = TRUE", modifying = true)
    Mono<Integer> unarchiveAll();

    @Query(value = "DELETE FROM film WHERE id = :id", modifying = true)
    Mono<Void> remove(long id);
  }

  private FilmRepository films;

  @BeforeEach
  void fixture() {
    FilmFixture.write(testDatabase());
    films = Repositories.create(db(), FilmRepository.class);
  }

  @Test
  void rowsMapToTheEntityByColumnName() {
    StepVerifier.create(films.byTitle("Brazil"))
        .assertNext(
            f -> {
              assertThat(f.id()).isEqualTo(3L);
              assertThat(f.year()).isEqualTo(1985);
              assertThat(f.archived()).isTrue();
              assertThat(f.studio().city()).isEqualTo("London");
            })
        .verifyComplete();
    StepVerifier.create(films.byTitle("Solaris")).verifyComplete();
    StepVerifier.create(films.byDirector("Ridley Scott").map(Film::title))
        .expectNext("Blade Runner", "Alien")
        .verifyComplete();
  }

  @Test
  void rowsMapToRecordsAndSingleValues() {
    StepVerifier.create(films.directors(1))
        .expectNext(
            new DirectorCount("David Lynch", 1, 1984),
            new DirectorCount("Denis Villeneuve", 1, 2021),
            new DirectorCount("Ridley Scott", 2, 1979),
            new DirectorCount("Terry Gilliam", 1, 1985))
        .verifyComplete();
    StepVerifier.create(films.directors(2))
        .expectNext(new DirectorCount("Ridley Scott", 2, 1979))
        .verifyComplete();
    StepVerifier.create(films.titles(List.of(4L, 1L, 42L)))
        .expectNext("Alien", "Dune")
        .verifyComplete();
  }

  @Test
  void collectionsBindAsOneArrayAndMayBeEmpty() {
    StepVerifier.create(films.titlesIn(Set.of("London")))
        .expectNext("Alien", "Brazil")
        .verifyComplete();
    StepVerifier.create(films.titles(List.of())).verifyComplete();
    StepVerifier.create(films.titlesIn(Set.of())).verifyComplete();
  }

  @Test
  void nullBindsAsTypedNull() {
    StepVerifier.create(films.countBy(null)).expectNext(1L).verifyComplete();
    StepVerifier.create(films.countBy("Ridley Scott")).expectNext(2L).verifyComplete();
  }

  @Test
  void monoFailsWhenMoreThanOneRowComesBack() {
    StepVerifier.create(films.oneWhereArchived(true))
        .expectError(NonUniqueResultException.class)
        .verify();
  }

  @Test
  void modifyingSqlReturnsRowCounts() {
    StepVerifier.create(films.archive("Ridley Scott")).expectNext(2L).verifyComplete();
    StepVerifier.create(films.unarchiveAll()).expectNext(4).verifyComplete();
    StepVerifier.create(films.remove(6L)).verifyComplete();
    assertThat(
            testDatabase().queryOne("SELECT COUNT(*) FROM film WHERE archived = TRUE", Long.class))
        .isZero();
    assertThat(testDatabase().queryOne("SELECT COUNT(*) FROM film", Long.class)).isEqualTo(5L);
  }

  @Test
  void valuesAreBinds() {
    String hostile = "'; DROP TABLE film; -- :title";
    StepVerifier.create(films.byTitle(hostile)).verifyComplete();
    StepVerifier.create(films.archive(hostile)).expectNext(0L).verifyComplete();
    assertThat(testDatabase().queryOne("SELECT COUNT(*) FROM film", Long.class)).isEqualTo(6L);
  }
}
