package io.r2orm.r2dbc.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryMetadata;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.model.Film;
import io.r2orm.r2dbc.music.Track;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Every mistake in a repository interface fails in {@link Repositories#create}, naming the method,
 * the problem and the fix. No database: creation opens no connection.
 */
class RepositoryDefinitionTest {
  private static final ConnectionFactory NO_CONNECTIONS =
      new ConnectionFactory() {
        @Override
        public Publisher<? extends Connection> create() {
          return Mono.error(new IllegalStateException("creating a repository must not connect"));
        }

        @Override
        public ConnectionFactoryMetadata getMetadata() {
          return () -> "PostgreSQL";
        }
      };

  private final Database db = Database.create(NO_CONNECTIONS);

  private void fails(Class<? extends ReactiveRepository<?, ?>> repository, String... fragments) {
    assertThatThrownBy(() -> Repositories.create(db, repository))
        .isInstanceOf(RepositoryDefinitionException.class)
        .satisfies(
            e -> {
              for (String fragment : fragments) {
                assertThat(e.getMessage()).contains(fragment);
              }
            });
  }

  interface Misspelt extends ReactiveRepository<Film, Long> {
    Flux<Film> findByTitelContainingIgnoreCase(String text);
  }

  @Test
  void aMisspeltPropertyNamesTheMethodTheKnownPropertiesAndTheClosest() {
    fails(
        Misspelt.class,
        "Cannot implement Misspelt.findByTitelContainingIgnoreCase(String)",
        "Film has no property 'titel' (did you mean 'title'?)",
        "known properties: [id, title, year, director, archived, studio.street, studio.city, version]");
  }

  interface MisspeltOrder extends ReactiveRepository<Film, Long> {
    Flux<Film> findByDirectorOrderByYaerDesc(String director);
  }

  @Test
  void aMisspeltSortPropertyToo() {
    fails(
        MisspeltOrder.class,
        "MisspeltOrder.findByDirectorOrderByYaerDesc(String)",
        "no property 'yaer'",
        "did you mean 'year'?");
  }

  interface WrongCount extends ReactiveRepository<Film, Long> {
    Flux<Film> findByYearBetween(int from);
  }

  interface TooManyParameters extends ReactiveRepository<Film, Long> {
    Flux<Film> findByArchivedTrue(boolean archived);
  }

  @Test
  void theParameterCountMustMatchTheName() {
    fails(
        WrongCount.class,
        "WrongCount.findByYearBetween(int)",
        "takes 1 value parameter but the name needs 2",
        "year Between (2)");
    fails(
        TooManyParameters.class,
        "findByArchivedTrue(boolean)",
        "takes 1 value parameter but the name needs 0");
  }

  interface WrongParameterType extends ReactiveRepository<Film, Long> {
    Flux<Film> findByYear(String year);
  }

  interface NotAList extends ReactiveRepository<Film, Long> {
    Flux<Film> findByYearIn(int year);
  }

  interface WrongElements extends ReactiveRepository<Film, Long> {
    Flux<Film> findByYearIn(List<String> years);
  }

  interface PatternOnNumber extends ReactiveRepository<Film, Long> {
    Flux<Film> findByYearContaining(String text);
  }

  interface TrueOnText extends ReactiveRepository<Film, Long> {
    Flux<Film> findByTitleTrue();
  }

  @Test
  void parameterTypesMustSuitTheirProperties() {
    fails(
        WrongParameterType.class,
        "findByYear(String)",
        "parameter 1 (year) is of type String but Film.year is of type " + "Integer");
    fails(NotAList.class, "findByYearIn(int)", "In takes a collection or an array");
    fails(WrongElements.class, "holds String values but Film.year is of type Integer");
    fails(
        PatternOnNumber.class,
        "Containing needs a text property, but Film.year is of type Integer");
    fails(TrueOnText.class, "True needs a boolean property, but Film.title is of type String");
  }

  interface NotReactive extends ReactiveRepository<Film, Long> {
    List<Film> findByDirector(String director);
  }

  interface CountAsInteger extends ReactiveRepository<Film, Long> {
    Mono<Integer> countByDirector(String director);
  }

  interface ExistsAsFlux extends ReactiveRepository<Film, Long> {
    Flux<Boolean> existsByTitle(String title);
  }

  interface Projection extends ReactiveRepository<Film, Long> {
    Flux<String> findByDirector(String director);
  }

  interface DeleteReturningEntity extends ReactiveRepository<Film, Long> {
    Mono<Film> deleteByTitle(String title);
  }

  interface OneOfTen extends ReactiveRepository<Film, Long> {
    Mono<Film> findTop10ByDirector(String director);
  }

  @Test
  void returnTypesAreCheckedPerKindOfMethod() {
    fails(
        NotReactive.class,
        "NotReactive.findByDirector(String)",
        "returns List<Film>",
        "Mono<…> or Flux<…>");
    fails(CountAsInteger.class, "returns Mono<Integer>; count…By methods return Mono<Long>");
    fails(ExistsAsFlux.class, "returns Flux<Boolean>; exists…By methods return Mono<Boolean>");
    fails(Projection.class, "returns Flux<String>", "for other results use @Query");
    fails(DeleteReturningEntity.class, "returns Mono<Film>; delete…By methods return Mono<Long>");
    fails(OneOfTen.class, "returns Mono<Film>, which holds one Film, but the name asks for 10");
  }

  interface SortAndPage extends ReactiveRepository<Film, Long> {
    Flux<Film> findByDirector(String director, Sort sort, PageRequest page);
  }

  interface PageWithoutRequest extends ReactiveRepository<Film, Long> {
    Mono<Page<Film>> findByDirector(String director);
  }

  interface TopAndPage extends ReactiveRepository<Film, Long> {
    Flux<Film> findTop3ByDirector(String director, PageRequest page);
  }

  interface OrderedCount extends ReactiveRepository<Film, Long> {
    Mono<Long> countByDirectorOrderByYearAsc(String director);
  }

  @Test
  void sortingAndPagingOnlyWhereTheyMeanSomething() {
    fails(SortAndPage.class, "takes a Sort and a PageRequest");
    fails(PageWithoutRequest.class, "returns Mono<Page<Film>> but takes no PageRequest");
    fails(TopAndPage.class, "combines First/Top with a PageRequest");
    fails(OrderedCount.class, "count…By methods take no order or page");
  }

  interface BadFetch extends ReactiveRepository<Track, Long> {
    @FetchRelations({"album", "album.artst"})
    Flux<Track> findByTitle(String title);
  }

  interface FetchPastIds extends ReactiveRepository<Track, Long> {
    @FetchRelations("genreIds.name")
    Flux<Track> findByTitle(String title);
  }

  interface FetchOnCount extends ReactiveRepository<Track, Long> {
    @FetchRelations("album")
    Mono<Long> countByTitle(String title);
  }

  interface FetchOnSave extends ReactiveRepository<Track, Long> {
    @FetchRelations("album")
    <S extends Track> Mono<S> save(S track);
  }

  @Test
  void fetchPathsAreCheckedAgainstTheRelations() {
    fails(
        BadFetch.class,
        "BadFetch.findByTitle(String)",
        "@FetchRelations path 'album.artst'",
        "Album has no relation 'artst'; known relations: [artist, tracks]");
    fails(FetchPastIds.class, "continues after Track.genreIds, which holds only ids");
    fails(FetchOnCount.class, "@FetchRelations has no effect on count…By methods");
    fails(FetchOnSave.class, "FetchOnSave.save(Track)", "@FetchRelations has no effect on save");
  }

  interface UnboundSqlParameter extends ReactiveRepository<Film, Long> {
    @Query("SELECT * FROM film WHERE title = :title AND director = :director")
    Flux<Film> search(String title);
  }

  interface UnusedParameter extends ReactiveRepository<Film, Long> {
    @Query("SELECT * FROM film WHERE title = :title")
    Flux<Film> search(String title, String director);
  }

  interface UpdateWithoutModifying extends ReactiveRepository<Film, Long> {
    @Query("UPDATE film SET archived = TRUE WHERE id = :id")
    Mono<Long> archive(long id);
  }

  interface ModifyingFlux extends ReactiveRepository<Film, Long> {
    @Query(value = "DELETE FROM film WHERE id = :id", modifying = true)
    Flux<Long> remove(long id);
  }

  interface SortedQuery extends ReactiveRepository<Film, Long> {
    @Query("SELECT * FROM film")
    Flux<Film> all(Sort sort);
  }

  interface UnmappableResult extends ReactiveRepository<Film, Long> {
    @Query("SELECT * FROM film")
    Flux<List<String>> rows();
  }

  @Test
  void queryParametersAndResultsAreMatchedWithTheSql() {
    fails(
        UnboundSqlParameter.class,
        "UnboundSqlParameter.search(String)",
        "the SQL uses :director but no parameter is " + "named 'director'",
        "@Param(\"director\")");
    fails(
        UnusedParameter.class, "parameter 'director' is not used by the SQL, which uses [:title]");
    fails(
        UpdateWithoutModifying.class,
        "@Query runs UPDATE, which returns no rows",
        "modifying = true");
    fails(ModifyingFlux.class, "a modifying @Query returns Mono<Long> or Mono<Integer>");
    fails(SortedQuery.class, "a @Query method cannot take a Sort");
    fails(
        UnmappableResult.class,
        "returns Flux<List<String>>; a @Query maps rows to an entity, a record");
  }

  interface NotAQuery extends ReactiveRepository<Film, Long> {
    Flux<Film> everything();
  }

  interface FindByWrongIdType extends ReactiveRepository<Film, Long> {
    Mono<Film> findById(String isbn);
  }

  interface RedeclaredWrongly extends ReactiveRepository<Film, Long> {
    Mono<List<Film>> findAllById(List<Long> ids);
  }

  @Test
  void methodsThatAreNeitherDerivedNorAnnotatedNorCrud() {
    fails(NotAQuery.class, "NotAQuery.everything()", "a derived query name starts with find");
    fails(
        FindByWrongIdType.class,
        "FindByWrongIdType.findById(String)",
        "parameter 1 (isbn) is of type String but Film.id is of type Long");
    fails(
        RedeclaredWrongly.class,
        "RedeclaredWrongly.findAllById(List)",
        "redeclares ReactiveRepository.findAllById, which returns Flux<…>, but returns Mono");
  }

  interface SeveralMistakes extends ReactiveRepository<Film, Long> {
    Flux<Film> findByTitel(String title);

    Mono<Integer> countByYear(int year);
  }

  @Test
  void everyMistakeIsReportedAtOnce() {
    fails(
        SeveralMistakes.class,
        "2 methods of SeveralMistakes cannot be implemented",
        "SeveralMistakes.countByYear(int): returns Mono<Integer>",
        "SeveralMistakes.findByTitel(String): Film has no " + "property 'titel'");
  }

  interface WrongId extends ReactiveRepository<Film, String> {}

  interface Generic<T> extends ReactiveRepository<T, Long> {}

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"})
  void theEntityAndIdTypesMustBeFixedAndMatch() {
    fails(
        WrongId.class,
        "Cannot implement WrongId: it declares the id type String but Film.id is a Long",
        "extend ReactiveRepository<Film, Long>");
    fails((Class) Generic.class, "Cannot implement Generic: the entity type is T");
  }

  interface Fine extends ReactiveRepository<Film, Long> {
    Flux<Film> findByDirectorOrderByYearDesc(String director);

    @FetchRelations({})
    Mono<Film> findFirstByTitleStartingWith(String prefix);

    default Mono<Long> films() {
      return count();
    }
  }

  @Test
  void aCorrectRepositoryIsCreatedWithoutConnecting() {
    Fine fine = Repositories.create(db, Fine.class);
    assertThat(fine.toString()).contains("Fine");
    assertThatThrownBy(() -> fine.films().block()).hasMessageContaining("must not connect");
  }

  /** {@link Database#repository} reaches {@link Repositories} through the service loader. */
  @Test
  void theDatabaseMakesTheSameRepositories() {
    Fine fine = db.repository(Fine.class);
    assertThat(fine.toString()).contains("Fine");
    assertThatThrownBy(() -> fine.films().block()).hasMessageContaining("must not connect");
  }

  interface NotARepository {
    Flux<Film> findByDirector(String director);
  }

  /**
   * Its type bound cannot name {@link ReactiveRepository}, so the database checks it when called.
   */
  @Test
  void theDatabaseRefusesAnInterfaceThatIsNotARepository() {
    assertThatThrownBy(() -> db.repository(NotARepository.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("NotARepository does not extend ReactiveRepository")
        .hasMessageContaining("interface extending ReactiveRepository<Entity, Id>");
    assertThatThrownBy(() -> db.repository(String.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("java.lang.String is not an interface");
  }
}
