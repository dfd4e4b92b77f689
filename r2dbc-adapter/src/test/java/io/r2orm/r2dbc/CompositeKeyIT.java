package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.exception.DuplicateKeyException;
import io.r2orm.core.exception.OptimisticLockException;
import io.r2orm.core.query.Ref;
import io.r2orm.r2dbc.pagila.Actor;
import io.r2orm.r2dbc.pagila.Film;
import io.r2orm.r2dbc.pagila.Film.Rating;
import io.r2orm.r2dbc.pagila.FilmActor;
import io.r2orm.r2dbc.pagila.FilmActor.FilmActorId;
import io.r2orm.r2dbc.pagila.FilmActor_;
import io.r2orm.r2dbc.pagila.FilmCategory;
import io.r2orm.r2dbc.pagila.Film_;
import io.r2orm.r2dbc.repository.PageRequest;
import io.r2orm.r2dbc.repository.ReactiveRepository;
import io.r2orm.r2dbc.repository.Repositories;
import io.r2orm.r2dbc.test.DatabaseTest;
import io.r2orm.r2dbc.test.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

/**
 * Composite keys on a schema shaped like Pagila's (issue #12, finding 3): {@code film_actor} keyed
 * by {@code (actor_id, film_id)} with a role and a trigger-kept version of its own, mapped as the
 * entity {@link FilmActor} with {@code @Id @Embedded FilmActorId}. Every path an id takes is
 * walked: insert, find, update and delete with optimistic locking, upserts, repositories, keyset
 * pages and fetch plans in both directions, next to a film with a native enum, a text array and a
 * jsonb document. Before, two {@code @Id}s were refused ("composite keys are not supported").
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class CompositeKeyIT extends DatabaseTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  interface CastRepository extends ReactiveRepository<FilmActor, FilmActorId> {}

  private final StatementCounter counter = new StatementCounter();
  private Database db;

  @BeforeEach
  void schema() {
    testDatabase()
        .sql(
            "DROP TABLE IF EXISTS pagila_film_actor",
            "DROP TABLE IF EXISTS pagila_film_category",
            "DROP TABLE IF EXISTS pagila_film",
            "DROP TABLE IF EXISTS pagila_actor");
    if (kind == TestDatabase.Kind.POSTGRES) {
      testDatabase().sql("DROP TYPE IF EXISTS pagila_rating");
    }
    db().schema().create(Actor.class, Film.class, FilmActor.class, FilmCategory.class).block(WAIT);
    if (kind == TestDatabase.Kind.POSTGRES) {
      // as in Pagila: last_update = now() before every update, a time r2orm did not write
      testDatabase()
          .sql(
              "CREATE OR REPLACE FUNCTION pagila_touch() RETURNS trigger AS $$ BEGIN "
                  + "NEW.last_update = clock_timestamp() + interval '1 hour'; RETURN NEW; END $$"
                  + " LANGUAGE plpgsql",
              "CREATE TRIGGER pagila_actor_touch BEFORE UPDATE ON pagila_actor FOR EACH ROW"
                  + " EXECUTE FUNCTION pagila_touch()",
              "CREATE TRIGGER pagila_film_touch BEFORE UPDATE ON pagila_film FOR EACH ROW"
                  + " EXECUTE FUNCTION pagila_touch()",
              "CREATE TRIGGER pagila_film_actor_touch BEFORE UPDATE ON pagila_film_actor FOR EACH"
                  + " ROW EXECUTE FUNCTION pagila_touch()");
    }
    db = Database.builder(testDatabase().pool()).listener(counter).build();
  }

  private List<Actor> actors(int n) {
    List<Actor> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(Actor.of("actor " + i));
    }
    return db.insertAll(all).collectList().block(WAIT);
  }

  private List<Film> films(int n) {
    List<Film> all = new ArrayList<>();
    Rating[] ratings = Rating.values();
    for (int i = 0; i < n; i++) {
      all.add(
          Film.of(
              "film " + i,
              ratings[i % ratings.length],
              i % 2 == 0 ? List.of("Trailers", "Deleted Scenes") : List.of("Commentaries"),
              "{\"length\": " + (80 + i) + "}"));
    }
    return db.insertAll(all).collectList().block(WAIT);
  }

  private FilmActor stored(FilmActorId id) {
    return db.findById(FilmActor.class, id).block(WAIT);
  }

  @Test
  void theTableHasAKeyOfTwoColumns() {
    String key =
        kind == TestDatabase.Kind.POSTGRES
            ? testDatabase()
                .queryOne(
                    "SELECT string_agg(a.attname, ',' ORDER BY k.ord) FROM pg_index i"
                        + " CROSS JOIN unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord)"
                        + " JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum"
                        + " WHERE i.indrelid = 'pagila_film_actor'::regclass AND i.indisprimary",
                    String.class)
            : testDatabase()
                .queryOne(
                    "SELECT LISTAGG(c.COLUMN_NAME, ',') WITHIN GROUP (ORDER BY c.ORDINAL_POSITION)"
                        + " FROM INFORMATION_SCHEMA.TABLE_CONSTRAINTS t JOIN"
                        + " INFORMATION_SCHEMA.KEY_COLUMN_USAGE c ON c.CONSTRAINT_NAME ="
                        + " t.CONSTRAINT_NAME WHERE t.TABLE_NAME = 'PAGILA_FILM_ACTOR' AND"
                        + " t.CONSTRAINT_TYPE = 'PRIMARY KEY'",
                    String.class);
    assertThat(key.toLowerCase()).isEqualTo("actor_id,film_id");
  }

  @Test
  void insertFindUpdateAndDeleteByTheCompositeKey() {
    long actor = actors(1).get(0).id();
    long film = films(1).get(0).id();
    FilmActor inserted = db.insert(FilmActor.of(actor, film, "lead")).block(WAIT);
    FilmActorId id = new FilmActorId(actor, film);
    assertThat(inserted.lastUpdate()).isNotNull();

    FilmActor read = stored(id);
    assertThat(read.id()).isEqualTo(id);
    assertThat(read.role()).isEqualTo("lead");
    assertThat(read.actor().id()).isEqualTo(actor);
    assertThat(read.film().id()).isEqualTo(film);
    assertThat(read.lastUpdate()).isEqualTo(inserted.lastUpdate());
    assertThat(db.findById(FilmActor.class, new FilmActorId(actor, film + 1)).blockOptional(WAIT))
        .isEmpty();

    StepVerifier.create(db.insert(FilmActor.of(actor, film, "again")))
        .expectError(DuplicateKeyException.class)
        .verify(WAIT);

    FilmActor renamed = db.update(read.withRole("support")).block(WAIT);
    assertThat(stored(id).role()).isEqualTo("support");
    assertThat(renamed.lastUpdate())
        .isEqualTo(stored(id).lastUpdate())
        .isNotEqualTo(read.lastUpdate());
    // the version read before the update is stale now: update and delete both refuse it
    StepVerifier.create(db.update(read.withRole("stale")))
        .expectError(OptimisticLockException.class)
        .verify(WAIT);
    StepVerifier.create(db.delete(read)).expectError(OptimisticLockException.class).verify(WAIT);
    assertThat(stored(id).role()).isEqualTo("support");

    FilmActor saved = db.save(renamed.withRole("saved")).block(WAIT);
    assertThat(stored(id).role()).isEqualTo("saved");
    db.delete(saved).block(WAIT);
    assertThat(db.findById(FilmActor.class, id).blockOptional(WAIT)).isEmpty();

    db.insert(FilmActor.of(actor, film, "back")).block(WAIT);
    assertThat(db.deleteById(FilmActor.class, id).block(WAIT)).isEqualTo(1L);
    assertThat(db.select(FilmActor.class).count().block(WAIT)).isZero();
  }

  @Test
  void anIdOfTheWrongShapeOrWithANullPartIsRefusedClearly() {
    assertThatThrownBy(() -> db.findById(FilmActor.class, 7L).block(WAIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("the id of FilmActor is a FilmActorId (its composite key)")
        .hasMessageContaining("not a java.lang.Long");
    assertThatThrownBy(() -> db.findById(FilmActor.class, new FilmActorId(1L, null)).block(WAIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("part id.filmId of the composite key of FilmActor is null");
    assertThatThrownBy(
            () ->
                db.insert(
                        new FilmActor(new FilmActorId(1L, null), Ref.to(1L), Ref.none(), "x", null))
                    .block(WAIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("FilmActor.id.filmId is null, but it is part of the composite key");
  }

  @Test
  void saveWithoutAVersionUpsertsOnBothKeyColumns() {
    FilmCategory.Key key = new FilmCategory.Key(1L, 2);
    counter.reset();
    db.save(new FilmCategory(key, "first")).block(WAIT);
    db.save(new FilmCategory(key, "second")).block(WAIT);
    db.save(new FilmCategory(new FilmCategory.Key(1L, 3), "other")).block(WAIT);
    assertThat(counter.statements()).as("one statement per save").hasSize(3);
    assertThat(db.findById(FilmCategory.class, key).block(WAIT).note()).isEqualTo("second");
    assertThat(db.select(FilmCategory.class).count().block(WAIT)).isEqualTo(2L);
  }

  @Test
  void upsertsOnTheCompositeKeyLeaveExistingRowsAlone() {
    List<Actor> actors = actors(3);
    long film = films(1).get(0).id();
    FilmActorId first = new FilmActorId(actors.get(0).id(), film);
    db.insert(FilmActor.of(actors.get(0).id(), film, "lead")).block(WAIT);
    FilmActor before = stored(first);

    List<FilmActor> inserted =
        db.upsertInto(FilmActor.class)
            .doNothing()
            .all(
                List.of(
                    FilmActor.of(actors.get(0).id(), film, "changed?"),
                    FilmActor.of(actors.get(1).id(), film, "support"),
                    FilmActor.of(actors.get(2).id(), film, "cameo")))
            .collectList()
            .block(WAIT);
    assertThat(inserted).extracting(FilmActor::role).containsExactly("support", "cameo");
    assertThat(stored(first))
        .as("the existing pair is untouched: role and trigger-kept version")
        .isEqualTo(before);
    assertThat(db.select(FilmActor.class).count().block(WAIT)).isEqualTo(3L);

    // a timestamp version cannot be compared row by row in an upsert: refused, nothing stored
    assertThatThrownBy(
            () ->
                db.upsertInto(FilmActor.class)
                    .all(List.of(before.withRole("overwrite")))
                    .blockLast(WAIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is a timestamp");
    assertThat(stored(first).role()).isEqualTo("lead");
  }

  @Test
  void keysetPagesAreOrderedByEveryPartOfTheKey() {
    List<Actor> actors = actors(6);
    List<Film> films = films(5);
    List<FilmActor> links = new ArrayList<>();
    for (Actor a : actors) {
      for (Film f : films) {
        // few distinct roles: the key decides the order inside each role
        links.add(FilmActor.of(a.id(), f.id(), (a.id() + f.id()) % 3 == 0 ? "lead" : "support"));
      }
    }
    // inserted in an order unlike the one the pages walk
    List<FilmActor> shuffled = new ArrayList<>(links);
    java.util.Collections.shuffle(shuffled, new java.util.Random(7));
    db.insertAll(shuffled).then().block(WAIT);

    List<FilmActorId> expected =
        links.stream()
            .sorted(
                Comparator.comparing(FilmActor::role)
                    .thenComparing(l -> l.id().actorId())
                    .thenComparing(l -> l.id().filmId()))
            .map(FilmActor::id)
            .toList();
    for (int size : new int[] {1, 4, 7, 30, 31}) {
      List<FilmActorId> walked = new ArrayList<>();
      String token = null;
      int pages = 0;
      do {
        KeysetPage<FilmActor> page =
            db.select(FilmActor.class).orderBy(FilmActor_.ROLE.asc()).page(size, token).block(WAIT);
        page.items().forEach(l -> walked.add(l.id()));
        token = page.next();
        assertThat(++pages).isLessThanOrEqualTo(31);
      } while (token != null);
      assertThat(walked).as("page size %d", size).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void fetchPlansCrossTheLinkEntityInOneStatementPerRelation() {
    List<Actor> actors = actors(4);
    List<Film> films = films(3);
    List<FilmActor> links = new ArrayList<>();
    for (int f = 0; f < films.size(); f++) {
      for (int a = 0; a <= f + 1 && a < actors.size(); a++) {
        links.add(FilmActor.of(actors.get(a).id(), films.get(f).id(), "role " + a));
      }
    }
    db.insertAll(links).then().block(WAIT);

    counter.reset();
    List<Film> withCast =
        db.select(Film.class)
            .orderBy(Film_.TITLE.asc())
            .fetch(Film_.CAST.then(FilmActor_.ACTOR))
            .all()
            .collectList()
            .block(WAIT);
    assertThat(counter.statements()).as("films, film_actor, actor").hasSize(3);
    assertThat(withCast).extracting(f -> f.cast().size()).containsExactly(2, 3, 4);
    assertThat(withCast.get(2).cast())
        .extracting(l -> l.actor().get().name())
        .containsExactly("actor 0", "actor 1", "actor 2", "actor 3");
    assertThat(withCast.get(0).specialFeatures()).containsExactly("Trailers", "Deleted Scenes");
    assertThat(withCast.get(0).rating()).isEqualTo(Rating.G);

    // a limit per film ranks links whose actor_id is both a key part and the relation's column:
    // the ranked derived table names it once (it failed with a duplicate column name before)
    List<Film> topTwo =
        db.select(Film.class)
            .orderBy(Film_.TITLE.asc())
            .fetch(Film_.CAST.limit(2))
            .all()
            .collectList()
            .block(WAIT);
    assertThat(topTwo).extracting(f -> f.cast().size()).containsExactly(2, 2, 2);
    assertThat(topTwo.get(2).cast())
        .extracting(l -> l.id().actorId())
        .containsExactly(actors.get(0).id(), actors.get(1).id());

    // the other way: each link with both of its ends, again one statement per relation
    counter.reset();
    List<FilmActor> both =
        db.select(FilmActor.class)
            .where(FilmActor_.ROLE.eq("role 0"))
            .fetch(FilmActor_.FILM, FilmActor_.ACTOR)
            .all()
            .collectList()
            .block(WAIT);
    assertThat(counter.statements()).hasSize(3);
    assertThat(both).hasSize(3);
    Set<Rating> ratings = new HashSet<>();
    for (FilmActor l : both) {
      assertThat(l.actor().get().name()).isEqualTo("actor 0");
      assertThat(l.film().get().id()).isEqualTo(l.id().filmId());
      assertThat(l.film().get().details()).contains("\"length\"");
      ratings.add(l.film().get().rating());
    }
    assertThat(ratings).containsExactlyInAnyOrder(Rating.G, Rating.PG, Rating.PG_13);

    // filters on the key's parts and on the relations' key columns mean the same columns
    assertThat(
            db.select(FilmActor.class)
                .where(FilmActor_.ID_FILM_ID.eq(films.get(0).id()))
                .count()
                .block(WAIT))
        .isEqualTo(2L);
    assertThat(
            db.select(FilmActor.class)
                .where(FilmActor_.FILM_ID.eq(films.get(0).id()))
                .count()
                .block(WAIT))
        .isEqualTo(2L);
  }

  @Test
  void theFilmsNativeEnumArrayJsonAndTriggerVersionWorkBesideIt() {
    List<Film> films = films(5);
    Film first = films.get(0);
    // a native enum compares in declared order; the array and the document are bound values
    assertThat(
            db.select(Film.class)
                .where(Film_.RATING.gt(Rating.PG).and(Film_.SPECIAL_FEATURES.has("Trailers")))
                .orderBy(Film_.RATING.desc())
                .all()
                .map(Film::title)
                .collectList()
                .block(WAIT))
        .containsExactly("film 4", "film 2");
    Film renamed = db.update(first.withTitle("renamed")).block(WAIT);
    assertThat(renamed.lastUpdate()).isNotEqualTo(first.lastUpdate());
    StepVerifier.create(db.update(first.withTitle("stale")))
        .expectError(OptimisticLockException.class)
        .verify(WAIT);
    assertThat(db.findById(Film.class, first.id()).block(WAIT).title()).isEqualTo("renamed");
  }

  @Test
  void aRepositoryTakesTheKeyRecordAsItsId() {
    CastRepository cast = Repositories.create(db, CastRepository.class);
    List<Actor> actors = actors(3);
    long film = films(1).get(0).id();
    for (Actor a : actors) {
      cast.save(FilmActor.of(a.id(), film, "r" + a.id())).block(WAIT);
    }
    FilmActorId one = new FilmActorId(actors.get(1).id(), film);
    assertThat(cast.findById(one).block(WAIT).role()).isEqualTo("r" + actors.get(1).id());
    assertThat(cast.existsById(one).block(WAIT)).isTrue();
    assertThat(cast.existsById(new FilmActorId(actors.get(1).id(), film + 1)).block(WAIT))
        .isFalse();
    assertThat(
            cast.findAllById(List.of(new FilmActorId(actors.get(2).id(), film), one))
                .map(FilmActor::id)
                .collectList()
                .block(WAIT))
        .as("in key order")
        .containsExactly(one, new FilmActorId(actors.get(2).id(), film));
    assertThat(cast.findAll(PageRequest.of(1, 2)).map(FilmActor::id).collectList().block(WAIT))
        .containsExactly(new FilmActorId(actors.get(2).id(), film));
    assertThat(cast.deleteById(one).block(WAIT)).isEqualTo(1L);
    assertThat(cast.count().block(WAIT)).isEqualTo(2L);
  }
}
