package io.r2orm.r2dbc.repository;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.exception.NonUniqueResultException;
import io.r2orm.r2dbc.model.Film;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/** Every derived query keyword against rows written with plain SQL. */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class RepositoryDerivedQueryIT extends DatabaseTest {

  interface FilmRepository extends ReactiveRepository<Film, Long> {
    Flux<Film> findByTitle(String title);

    Flux<Film> findByTitleIs(String title);

    Flux<Film> findByTitleEquals(String title);

    Mono<Film> findOneByDirector(String director);

    Flux<Film> findByDirector(String director);

    Flux<Film> findByDirectorNot(String director);

    Flux<Film> findByYearIn(Collection<Integer> years);

    Flux<Film> findByIdIn(long... ids);

    Flux<Film> findByYearNotIn(List<Integer> years);

    Flux<Film> findByYearIsNull();

    Flux<Film> findByYearIsNotNull();

    Flux<Film> findByYearLessThan(int year);

    Flux<Film> findByYearLessThanEqual(int year);

    Flux<Film> findByYearGreaterThan(int year);

    Flux<Film> findByYearGreaterThanEqual(Integer year);

    Flux<Film> findByYearBetween(int from, int to);

    Flux<Film> findByTitleLike(String pattern);

    Flux<Film> findByTitleNotLike(String pattern);

    Flux<Film> findByTitleStartingWith(String prefix);

    Flux<Film> findByTitleEndingWith(String suffix);

    Flux<Film> findByTitleContaining(String text);

    Flux<Film> findByTitleNotContaining(String text);

    Flux<Film> findByTitleContainingIgnoreCase(String text);

    Flux<Film> findByTitleIgnoreCase(String title);

    Flux<Film> findByTitleStartingWithIgnoreCase(String prefix);

    Flux<Film> findByArchivedTrue();

    Flux<Film> findByArchivedFalse();

    Flux<Film> findByStudioCity(String city);

    Flux<Film> findByStudioStreetIsNullAndStudioCityIsNotNull();

    Flux<Film> findByDirectorAndYearGreaterThan(String director, int year);

    Flux<Film> findByYearLessThanOrYearGreaterThan(int before, int after);

    Flux<Film> findByArchivedTrueOrDirectorAndYearLessThan(String director, int year);

    Flux<Film> findByYearBetweenOrderByTitleAsc(int from, int to);

    Flux<Film> findFirst2ByDirectorOrderByYearDesc(String director);

    Mono<Film> findTopByYearIsNotNullOrderByYearDesc();

    Mono<Film> findFirstByStudioCityOrderByIdDesc(String city);

    Mono<Long> countByDirector(String director);

    Mono<Long> countByYearIsNull();

    Mono<Boolean> existsByTitle(String title);

    Mono<Long> deleteByArchivedTrue();

    Mono<Void> deleteByDirector(String director);

    Flux<Film> findByDirectorNotNull(Sort sort);

    Flux<Film> findByArchivedFalseOrderByYearAsc(PageRequest page);

    Mono<Page<Film>> findByYearIsNotNull(PageRequest page);
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

  private static List<Long> sortedIds(Flux<Film> result) {
    return result.map(Film::id).sort().collectList().block();
  }

  @Test
  void equality() {
    assertThat(sortedIds(films.findByTitle("Alien"))).containsExactly(1L);
    assertThat(sortedIds(films.findByTitleIs("Brazil"))).containsExactly(3L);
    assertThat(sortedIds(films.findByTitleEquals("Dune"))).containsExactly(4L);
    assertThat(sortedIds(films.findByTitle("alien"))).isEmpty();
    assertThat(sortedIds(films.findByDirector("Ridley Scott"))).containsExactly(1L, 2L);
    assertThat(sortedIds(films.findByDirector(null))).as("null means IS NULL").containsExactly(6L);
    assertThat(sortedIds(films.findByDirectorNot("Ridley Scott")))
        .as("<> leaves out NULL")
        .containsExactly(3L, 4L, 5L);
  }

  @Test
  void monoOfOneRowFailsWhenMoreMatch() {
    StepVerifier.create(films.findOneByDirector("David Lynch").map(Film::title))
        .expectNext("Dune")
        .verifyComplete();
    StepVerifier.create(films.findOneByDirector("Nobody")).verifyComplete();
    StepVerifier.create(films.findOneByDirector("Ridley Scott"))
        .expectError(NonUniqueResultException.class)
        .verify();
  }

  @Test
  void inAndNotInWithCollectionsArraysAndEmptyLists() {
    assertThat(sortedIds(films.findByYearIn(Set.of(1979, 1984, 1999)))).containsExactly(1L, 4L);
    assertThat(sortedIds(films.findByIdIn(2L, 3L, 42L))).containsExactly(2L, 3L);
    assertThat(sortedIds(films.findByYearIn(List.of()))).isEmpty();
    assertThat(sortedIds(films.findByYearNotIn(List.of(1979, 1982))))
        .as("NOT IN leaves out NULL")
        .containsExactly(3L, 4L, 5L);
    assertThat(sortedIds(films.findByYearNotIn(List.of()))).hasSize(6);
  }

  @Test
  void nullChecks() {
    assertThat(sortedIds(films.findByYearIsNull())).containsExactly(6L);
    assertThat(sortedIds(films.findByYearIsNotNull())).containsExactly(1L, 2L, 3L, 4L, 5L);
  }

  @Test
  void comparisonsAndRanges() {
    assertThat(sortedIds(films.findByYearLessThan(1982))).containsExactly(1L);
    assertThat(sortedIds(films.findByYearLessThanEqual(1982))).containsExactly(1L, 2L);
    assertThat(sortedIds(films.findByYearGreaterThan(1984))).containsExactly(3L, 5L);
    assertThat(sortedIds(films.findByYearGreaterThanEqual(1984))).containsExactly(3L, 4L, 5L);
    assertThat(sortedIds(films.findByYearBetween(1982, 1985)))
        .as("both ends included")
        .containsExactly(2L, 3L, 4L);
  }

  @Test
  void patternsMatchLiterallyUnlessLike() {
    assertThat(sortedIds(films.findByTitleLike("B%"))).containsExactly(2L, 3L);
    assertThat(sortedIds(films.findByTitleLike("_lien"))).containsExactly(1L);
    assertThat(sortedIds(films.findByTitleNotLike("%u%"))).containsExactly(1L, 3L);
    assertThat(sortedIds(films.findByTitleStartingWith("100%")))
        .as("% is literal")
        .containsExactly(6L);
    assertThat(sortedIds(films.findByTitleStartingWith("1%0"))).isEmpty();
    assertThat(sortedIds(films.findByTitleEndingWith("_Film"))).containsExactly(6L);
    assertThat(sortedIds(films.findByTitleEndingWith("Film"))).containsExactly(6L);
    assertThat(sortedIds(films.findByTitleContaining("e R"))).containsExactly(2L);
    assertThat(sortedIds(films.findByTitleContaining("_"))).as("_ is literal").containsExactly(6L);
    assertThat(sortedIds(films.findByTitleNotContaining("un"))).containsExactly(1L, 3L, 6L);
  }

  @Test
  void ignoringCase() {
    assertThat(sortedIds(films.findByTitleContainingIgnoreCase("DUNE"))).containsExactly(4L, 5L);
    assertThat(sortedIds(films.findByTitleContaining("DUNE"))).isEmpty();
    assertThat(sortedIds(films.findByTitleIgnoreCase("bLaDe RuNnEr"))).containsExactly(2L);
    assertThat(sortedIds(films.findByTitleIgnoreCase("blade")))
        .as("equality, not a prefix")
        .isEmpty();
    assertThat(sortedIds(films.findByTitleIgnoreCase("100% pure_film"))).containsExactly(6L);
    assertThat(sortedIds(films.findByTitleIgnoreCase("100% pure%")))
        .as("% in the value is literal")
        .isEmpty();
    assertThat(sortedIds(films.findByTitleStartingWithIgnoreCase("dune"))).containsExactly(4L, 5L);
  }

  @Test
  void booleansAndEmbeddedParts() {
    assertThat(sortedIds(films.findByArchivedTrue())).containsExactly(3L, 6L);
    assertThat(sortedIds(films.findByArchivedFalse())).containsExactly(1L, 2L, 4L, 5L);
    assertThat(sortedIds(films.findByStudioCity("London"))).containsExactly(1L, 3L);
    StepVerifier.create(films.findByStudioCity("London").next())
        .assertNext(f -> assertThat(f.studio().street()).isEqualTo("Shepperton Road"))
        .verifyComplete();
    assertThat(sortedIds(films.findByStudioStreetIsNullAndStudioCityIsNotNull()))
        .containsExactly(4L);
  }

  @Test
  void andBindsStrongerThanOr() {
    assertThat(sortedIds(films.findByDirectorAndYearGreaterThan("Ridley Scott", 1980)))
        .containsExactly(2L);
    assertThat(sortedIds(films.findByYearLessThanOrYearGreaterThan(1982, 1984)))
        .containsExactly(1L, 3L, 5L);
    // archived OR (director = 'Ridley Scott' AND year < 1980)
    assertThat(sortedIds(films.findByArchivedTrueOrDirectorAndYearLessThan("Ridley Scott", 1980)))
        .containsExactly(1L, 3L, 6L);
  }

  @Test
  void orderAndRowLimits() {
    assertThat(ids(films.findByYearBetweenOrderByTitleAsc(1979, 1985)))
        .containsExactly(1L, 2L, 3L, 4L);
    assertThat(ids(films.findFirst2ByDirectorOrderByYearDesc("Ridley Scott")))
        .containsExactly(2L, 1L);
    StepVerifier.create(films.findTopByYearIsNotNullOrderByYearDesc().map(Film::id))
        .expectNext(5L)
        .verifyComplete();
    StepVerifier.create(films.findFirstByStudioCityOrderByIdDesc("London").map(Film::id))
        .expectNext(3L)
        .verifyComplete();
    StepVerifier.create(films.findFirstByStudioCityOrderByIdDesc("Paris")).verifyComplete();
  }

  @Test
  void countsAndExistence() {
    StepVerifier.create(films.countByDirector("Ridley Scott")).expectNext(2L).verifyComplete();
    StepVerifier.create(films.countByDirector("Nobody")).expectNext(0L).verifyComplete();
    StepVerifier.create(films.countByYearIsNull()).expectNext(1L).verifyComplete();
    StepVerifier.create(films.existsByTitle("Dune")).expectNext(true).verifyComplete();
    StepVerifier.create(films.existsByTitle("Solaris")).expectNext(false).verifyComplete();
  }

  @Test
  void deletesByConditionReturnCountsOrNothing() {
    StepVerifier.create(films.deleteByArchivedTrue()).expectNext(2L).verifyComplete();
    StepVerifier.create(films.deleteByDirector("Ridley Scott")).verifyComplete();
    assertThat(sortedIds(films.findAll())).containsExactly(4L, 5L);
    assertThat(testDatabase().queryOne("SELECT COUNT(*) FROM film", Long.class)).isEqualTo(2L);
  }

  @Test
  void sortAndPageParameters() {
    assertThat(ids(films.findByDirectorNotNull(Sort.desc("year"))))
        .containsExactly(5L, 3L, 4L, 2L, 1L);
    assertThat(ids(films.findByDirectorNotNull(Sort.asc("director").and(Sort.desc("id")))))
        .containsExactly(4L, 5L, 2L, 1L, 3L);
    assertThat(ids(films.findByArchivedFalseOrderByYearAsc(PageRequest.of(0, 3))))
        .containsExactly(1L, 2L, 4L);
    assertThat(ids(films.findByArchivedFalseOrderByYearAsc(PageRequest.of(1, 3))))
        .containsExactly(5L);
    assertThat(ids(films.findByArchivedFalseOrderByYearAsc(PageRequest.of(2, 3)))).isEmpty();
    StepVerifier.create(films.findByYearIsNotNull(PageRequest.of(1, 2, Sort.desc("year"))))
        .assertNext(
            page -> {
              assertThat(page.items()).extracting(Film::id).containsExactly(4L, 2L);
              assertThat(page.total()).isEqualTo(5L);
              assertThat(page.totalPages()).isEqualTo(3L);
              assertThat(page.hasNext()).isTrue();
            })
        .verifyComplete();
    StepVerifier.create(films.findByYearIsNotNull(PageRequest.of(2, 2)))
        .assertNext(
            page -> {
              assertThat(page.items())
                  .extracting(Film::id)
                  .as("no order given: by id")
                  .containsExactly(5L);
              assertThat(page.hasNext()).isFalse();
            })
        .verifyComplete();
  }

  @Test
  void nullWhereAValueIsNeededFailsInTheStreamNamingTheParameter() {
    StepVerifier.create(films.findByYearGreaterThanEqual(null))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("FilmRepository.findByYearGreaterThanEqual(Integer)")
                    .hasMessageContaining("parameter 1 (year) is null")
                    .hasMessageContaining("IsNull"))
        .verify();
    StepVerifier.create(films.findByYearIn(null))
        .expectError(IllegalArgumentException.class)
        .verify();
  }

  @Test
  void valuesAreBinds() {
    String hostile = "x'); DROP TABLE film; --";
    assertThat(sortedIds(films.findByTitleContaining(hostile))).isEmpty();
    assertThat(sortedIds(films.findByTitleLike(hostile))).isEmpty();
    assertThat(testDatabase().queryOne("SELECT COUNT(*) FROM film", Long.class)).isEqualTo(6L);
  }
}
