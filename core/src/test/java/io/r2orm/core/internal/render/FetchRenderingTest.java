package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Golden.MODELS;
import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOn;
import static io.r2orm.core.internal.render.Golden.rendersOnBoth;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.annotation.Column;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToMany;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.OneToOne;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.metadata.RelationModel;
import io.r2orm.core.query.ComparableProperty;
import io.r2orm.core.query.FetchOptions;
import io.r2orm.core.query.Order;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.Property;
import io.r2orm.core.query.Ref;
import io.r2orm.core.query.Relation;
import io.r2orm.core.query.Select;
import io.r2orm.core.query.StringProperty;
import io.r2orm.core.sql.Bind;
import io.r2orm.core.sql.SqlStatement;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Golden SQL and binds of every {@link FetchRenderer} statement, on PostgreSQL and H2. */
class FetchRenderingTest {

  @Table("writer")
  record Writer(
      @Id Long id,
      String name,
      @OneToMany(mappedBy = "writer", orderBy = "year DESC, title") List<Novel> novels,
      @OneToMany(mappedBy = "writer") List<Novel> byId,
      @OneToOne(mappedBy = "writer") Ref<Biography> biography) {}

  @Table("novel")
  record Novel(
      @Id Long id,
      String title,
      Integer year,
      @ManyToOne Ref<Writer> writer,
      @ManyToOne(column = "publisher_ref") Ref<Publisher> publisher,
      @ManyToMany(
              joinTable = "novel_tag",
              joinColumn = "novel_id",
              inverseJoinColumn = "tag_id",
              orderBy = "label")
          List<Tag> tags,
      @ManyToMany(
              joinTable = "novel_tag",
              joinColumn = "novel_id",
              inverseJoinColumn = "tag_id",
              target = Tag.class)
          List<Long> tagIds) {}

  @Table("tag")
  record Tag(@Id Long id, String label) {}

  @Table("publisher")
  record Publisher(@Id Long id, String name) {}

  /** The owning side of a one-to-one whose inverse side is {@link Writer#biography}. */
  @Table("biography")
  record Biography(@Id Long id, String text, @OneToOne Ref<Writer> writer) {}

  /** A tree whose key is a plain column. */
  @Table("category")
  record Category(
      @Id Long id,
      String name,
      @Column("parent_id") Long parentId,
      @OneToMany(mappedBy = "parentId") List<Category> children) {}

  /** A self reference both ways through a {@code Ref}. */
  @Table("employee")
  record Employee(
      @Id Long id,
      String name,
      @ManyToOne Ref<Employee> manager,
      @OneToMany(mappedBy = "manager") List<Employee> reports) {}

  /** An Integer id, referenced by a {@code Ref} and by a plain Long column. */
  @Table("shelf")
  record Shelf(
      @Id Integer id,
      String name,
      @OneToMany(mappedBy = "shelf") List<Volume> volumes,
      @OneToMany(mappedBy = "shelfNo") List<Volume> byNumber) {}

  @Table("volume")
  record Volume(@Id Long id, @ManyToOne Ref<Shelf> shelf, Long shelfNo) {}

  /** Link table keys of two other types: an Integer owner id and a UUID target id. */
  @Table("playlist")
  record Playlist(
      @Id Integer id,
      @ManyToMany(
              joinTable = "playlist_song",
              joinColumn = "playlist_id",
              inverseJoinColumn = "song_id")
          List<Song> songs) {}

  @Table("song")
  record Song(@Id UUID id, String title) {}

  static final UUID SONG = UUID.fromString("00000000-0000-0000-0000-00000000000a");
  static final String NOVEL_COLUMNS = "id, title, \"year\", writer_id, publisher_ref";
  static final ComparableProperty<Novel, Long> NOVEL_ID =
      Property.comparable(Novel.class, "id", Long.class);
  static final StringProperty<Novel> TITLE = Property.string(Novel.class, "title");
  static final ComparableProperty<Novel, Integer> YEAR =
      Property.comparable(Novel.class, "year", Integer.class);
  static final Relation<Novel, Writer> NOVEL_WRITER =
      Relation.toOne(Novel.class, "writer", Writer.class);
  static final StringProperty<Tag> LABEL = Property.string(Tag.class, "label");
  static final StringProperty<Writer> WRITER_NAME = Property.string(Writer.class, "name");

  static RelationModel relation(Class<?> owner, String name) {
    return MODELS.of(owner).relation(name);
  }

  static Function<SqlRenderer, SqlStatement> fetch(Function<FetchRenderer, SqlStatement> render) {
    return r -> render.apply(new FetchRenderer(r));
  }

  static FetchOptions options(Predicate where, List<Order> orderBy, Integer limit) {
    return new FetchOptions(where, orderBy, limit, FetchOptions.Strategy.SELECT_IN);
  }

  static List<Object> ids(Object... ids) {
    return List.of(ids);
  }

  @Nested
  class TargetsById {
    @Test
    void selectsTheTargetsWithTheIdsAsOneArray() {
      rendersOnBoth(
          fetch(f -> f.targetsById(relation(Novel.class, "writer"), ids(1L, 2L))),
          "SELECT id, name FROM writer WHERE id = ANY($1)",
          bind(new Long[] {1L, 2L}, Long[].class));
    }

    @Test
    void selectsTheTargetsOfASelfReference() {
      rendersOnBoth(
          fetch(f -> f.targetsById(relation(Employee.class, "manager"), ids(7L))),
          "SELECT id, name, manager_id FROM employee WHERE id = ANY($1)",
          bind(new Long[] {7L}, Long[].class));
    }

    @Test
    void bindsAnArrayOfTheTargetIdType() {
      rendersOnBoth(
          fetch(f -> f.targetsById(relation(Volume.class, "shelf"), ids(1, 2))),
          "SELECT id, name FROM shelf WHERE id = ANY($1)",
          bind(new Integer[] {1, 2}, Integer[].class));
      rendersOnBoth(
          fetch(f -> f.targetsById(relation(Volume.class, "shelf"), ids(1L, 2L))),
          "SELECT id, name FROM shelf WHERE id = ANY($1)",
          bind(new Integer[] {1, 2}, Integer[].class));
    }
  }

  @Nested
  class Children {
    @Test
    void ordersByTheDeclaredOrderThenTheId() {
      rendersOnBoth(
          fetch(
              f -> f.children(relation(Writer.class, "novels"), ids(1L, 2L), FetchOptions.DEFAULT)),
          "SELECT "
              + NOVEL_COLUMNS
              + " FROM novel WHERE writer_id = ANY($1) ORDER BY \"year\" DESC, title ASC, id ASC",
          bind(new Long[] {1L, 2L}, Long[].class));
    }

    @Test
    void ordersByTheIdWhenNoOrderIsDeclared() {
      rendersOnBoth(
          fetch(f -> f.children(relation(Writer.class, "byId"), ids(1L), FetchOptions.DEFAULT)),
          "SELECT " + NOVEL_COLUMNS + " FROM novel WHERE writer_id = ANY($1) ORDER BY id ASC",
          bind(new Long[] {1L}, Long[].class));
    }

    @Test
    void loadsTheInverseSideOfAOneToOne() {
      rendersOnBoth(
          fetch(
              f -> f.children(relation(Writer.class, "biography"), ids(1L), FetchOptions.DEFAULT)),
          "SELECT id, text, writer_id FROM biography WHERE writer_id = ANY($1) ORDER BY id ASC",
          bind(new Long[] {1L}, Long[].class));
    }

    @Test
    void followsAPlainKeyColumnOfASelfReference() {
      rendersOnBoth(
          fetch(
              f ->
                  f.children(
                      relation(Category.class, "children"), ids(1L, 2L), FetchOptions.DEFAULT)),
          "SELECT id, name, parent_id FROM category WHERE parent_id = ANY($1) ORDER BY id ASC",
          bind(new Long[] {1L, 2L}, Long[].class));
    }

    @Test
    void followsARefKeyOfASelfReference() {
      rendersOnBoth(
          fetch(
              f -> f.children(relation(Employee.class, "reports"), ids(1L), FetchOptions.DEFAULT)),
          "SELECT id, name, manager_id FROM employee WHERE manager_id = ANY($1) ORDER BY id ASC",
          bind(new Long[] {1L}, Long[].class));
    }

    @Test
    void bindsTheKeysAsAnArrayOfTheKeyColumnType() {
      rendersOnBoth(
          fetch(f -> f.children(relation(Shelf.class, "volumes"), ids(1, 2), FetchOptions.DEFAULT)),
          "SELECT id, shelf_id, shelf_no FROM volume WHERE shelf_id = ANY($1) ORDER BY id ASC",
          bind(new Integer[] {1, 2}, Integer[].class));
      rendersOnBoth(
          fetch(
              f -> f.children(relation(Shelf.class, "byNumber"), ids(1, 2), FetchOptions.DEFAULT)),
          "SELECT id, shelf_id, shelf_no FROM volume WHERE shelf_no = ANY($1) ORDER BY id ASC",
          bind(new Long[] {1L, 2L}, Long[].class));
    }

    @Test
    void addsTheConditionAfterTheKeys() {
      rendersOnBoth(
          fetch(
              f ->
                  f.children(
                      relation(Writer.class, "novels"),
                      ids(1L),
                      options(YEAR.gt(1960).or(TITLE.eq("Dune")), List.of(), null))),
          "SELECT "
              + NOVEL_COLUMNS
              + " FROM novel WHERE writer_id = ANY($1) AND (\"year\" > $2 OR title = $3)"
              + " ORDER BY \"year\" DESC, title ASC, id ASC",
          bind(new Long[] {1L}, Long[].class),
          bind(1960, Integer.class),
          bind("Dune", String.class));
    }

    @Test
    void anOrderOverrideReplacesTheDeclaredOrder() {
      rendersOnBoth(
          fetch(
              f ->
                  f.children(
                      relation(Writer.class, "novels"),
                      ids(1L),
                      options(null, List.of(TITLE.asc()), null))),
          "SELECT "
              + NOVEL_COLUMNS
              + " FROM novel WHERE writer_id = ANY($1) ORDER BY title ASC, id ASC",
          bind(new Long[] {1L}, Long[].class));
    }

    @Test
    void anOrderByTheIdNeedsNoTieBreaker() {
      rendersOnBoth(
          fetch(
              f ->
                  f.children(
                      relation(Writer.class, "novels"),
                      ids(1L),
                      options(null, List.of(NOVEL_ID.desc()), null))),
          "SELECT " + NOVEL_COLUMNS + " FROM novel WHERE writer_id = ANY($1) ORDER BY id DESC",
          bind(new Long[] {1L}, Long[].class));
    }

    @Test
    void ranksPerParentWhenLimited() {
      String order = "\"year\" DESC, title ASC, id ASC";
      rendersOnBoth(
          fetch(
              f ->
                  f.children(
                      relation(Writer.class, "novels"), ids(1L, 2L), options(null, List.of(), 3))),
          "SELECT "
              + NOVEL_COLUMNS
              + " FROM (SELECT "
              + NOVEL_COLUMNS
              + ", ROW_NUMBER() OVER (PARTITION BY writer_id ORDER BY "
              + order
              + ") AS r2orm_rank"
              + " FROM novel WHERE writer_id = ANY($1)) ranked WHERE r2orm_rank <= $2 ORDER BY "
              + order,
          bind(new Long[] {1L, 2L}, Long[].class),
          bind(3L, Long.class));
    }

    @Test
    void ranksTheFilteredRowsInTheOverriddenOrder() {
      rendersOnBoth(
          fetch(
              f ->
                  f.children(
                      relation(Writer.class, "novels"),
                      ids(1L),
                      options(YEAR.gt(1960), List.of(TITLE.desc()), 2))),
          "SELECT "
              + NOVEL_COLUMNS
              + " FROM (SELECT "
              + NOVEL_COLUMNS
              + ", ROW_NUMBER() OVER (PARTITION BY writer_id ORDER BY title DESC, id ASC) AS r2orm_rank"
              + " FROM novel WHERE writer_id = ANY($1) AND \"year\" > $2) ranked WHERE r2orm_rank <= $3"
              + " ORDER BY title DESC, id ASC",
          bind(new Long[] {1L}, Long[].class),
          bind(1960, Integer.class),
          bind(2L, Long.class));
    }

    @Test
    void ranksAPlainKeyColumn() {
      rendersOnBoth(
          fetch(
              f ->
                  f.children(
                      relation(Category.class, "children"), ids(1L), options(null, List.of(), 1))),
          "SELECT id, name, parent_id FROM (SELECT id, name, parent_id, ROW_NUMBER() OVER (PARTITION BY parent_id"
              + " ORDER BY id ASC) AS r2orm_rank FROM category WHERE parent_id = ANY($1)) ranked"
              + " WHERE r2orm_rank <= $2 ORDER BY id ASC",
          bind(new Long[] {1L}, Long[].class),
          bind(1L, Long.class));
    }

    @Test
    void rejectsAConditionOnAnotherEntity() {
      assertThatThrownBy(
              () ->
                  new FetchRenderer(Golden.POSTGRES)
                      .children(
                          relation(Writer.class, "novels"),
                          ids(1L),
                          options(WRITER_NAME.eq("x"), List.of(), null)))
          .isInstanceOf(QueryBuildException.class)
          .hasMessageContainingAll("Writer.name", "the statement is about Novel");
    }
  }

  @Nested
  class ManyToManyTargets {
    static final String JOINED =
        " FROM tag t JOIN novel_tag l ON l.tag_id = t.id WHERE l.novel_id = ANY($1)";

    @Test
    void leadsEachTargetWithItsOwner() {
      rendersOnBoth(
          fetch(
              f -> f.manyToMany(relation(Novel.class, "tags"), ids(1L, 2L), FetchOptions.DEFAULT)),
          "SELECT l.novel_id AS r2orm_owner, t.id, t.label"
              + JOINED
              + " ORDER BY t.label ASC, t.id ASC",
          bind(new Long[] {1L, 2L}, Long[].class));
    }

    @Test
    void qualifiesTheConditionAndTheOrderWithTheTargetAlias() {
      rendersOnBoth(
          fetch(
              f ->
                  f.manyToMany(
                      relation(Novel.class, "tags"),
                      ids(1L),
                      options(
                          LABEL.eq("classic").or(LABEL.startsWith("sf")),
                          List.of(LABEL.desc()),
                          null))),
          "SELECT l.novel_id AS r2orm_owner, t.id, t.label"
              + JOINED
              + " AND (t.label = $2 OR t.label LIKE $3 ESCAPE '\\') ORDER BY t.label DESC, t.id ASC",
          bind(new Long[] {1L}, Long[].class),
          bind("classic", String.class),
          bind("sf%", String.class));
    }

    @Test
    void ranksPerOwnerWhenLimited() {
      rendersOnBoth(
          fetch(
              f ->
                  f.manyToMany(
                      relation(Novel.class, "tags"),
                      ids(1L, 2L),
                      options(LABEL.eq("classic"), List.of(), 2))),
          "SELECT r2orm_owner, id, label FROM (SELECT l.novel_id AS r2orm_owner, t.id, t.label,"
              + " ROW_NUMBER() OVER (PARTITION BY l.novel_id ORDER BY t.label ASC, t.id ASC) AS r2orm_rank"
              + JOINED
              + " AND t.label = $2) ranked WHERE r2orm_rank <= $3 ORDER BY label ASC, id ASC",
          bind(new Long[] {1L, 2L}, Long[].class),
          bind("classic", String.class),
          bind(2L, Long.class));
    }
  }

  @Nested
  class LinkTable {
    @Test
    void readsTheLinkRowsOfAnIdsOnlyRelation() {
      rendersOnBoth(
          fetch(f -> f.linkIds(relation(Novel.class, "tagIds"), ids(1L, 2L))),
          "SELECT novel_id, tag_id FROM novel_tag WHERE novel_id = ANY($1) ORDER BY novel_id, tag_id",
          bind(new Long[] {1L, 2L}, Long[].class));
    }

    @Test
    void insertsOneRowPerTargetNotLinkedYet() {
      Bind[] binds = {
        bind(1L, Long.class),
        bind(10L, Long.class),
        bind(1L, Long.class),
        bind(11L, Long.class),
        bind(1L, Long.class),
        bind(12L, Long.class)
      };
      rendersOn(
          Golden.POSTGRES,
          fetch(f -> f.link(relation(Novel.class, "tags"), 1L, ids(10L, 11, 12L))),
          "INSERT INTO novel_tag (novel_id, tag_id) VALUES ($1, $2), ($3, $4), ($5, $6) ON CONFLICT DO NOTHING",
          binds);
      rendersOn(
          Golden.H2,
          fetch(f -> f.link(relation(Novel.class, "tags"), 1L, ids(10L, 11, 12L))),
          "MERGE INTO novel_tag USING (VALUES (CAST($1 AS BIGINT), CAST($2 AS BIGINT)), (CAST($3 AS BIGINT), CAST($4 AS BIGINT)),"
              + " (CAST($5 AS BIGINT), CAST($6 AS BIGINT))) AS r2orm_src (novel_id, tag_id)"
              + " ON novel_tag.novel_id = r2orm_src.novel_id AND novel_tag.tag_id = r2orm_src.tag_id"
              + " WHEN NOT MATCHED THEN INSERT (novel_id, tag_id) VALUES (r2orm_src.novel_id, r2orm_src.tag_id)",
          binds);
    }

    @Test
    void linksThroughAnIdsOnlyRelation() {
      rendersOn(
          Golden.POSTGRES,
          fetch(f -> f.link(relation(Novel.class, "tagIds"), 1L, ids(10L))),
          "INSERT INTO novel_tag (novel_id, tag_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
          bind(1L, Long.class),
          bind(10L, Long.class));
    }

    @Test
    void deletesTheLinkRowsOfTheTargets() {
      rendersOnBoth(
          fetch(f -> f.unlink(relation(Novel.class, "tags"), 1L, ids(10L, 11L))),
          "DELETE FROM novel_tag WHERE novel_id = $1 AND tag_id = ANY($2)",
          bind(1L, Long.class),
          bind(new Long[] {10L, 11L}, Long[].class));
    }

    @Test
    void rejectsLinkRowsOfOtherRelations() {
      FetchRenderer renderer = new FetchRenderer(Golden.POSTGRES);
      assertThatThrownBy(() -> renderer.link(relation(Writer.class, "novels"), 1L, ids(2L)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("Writer.novels (ONE_TO_MANY Novel) is not a many-to-many relation");
      assertThatThrownBy(() -> renderer.unlink(relation(Novel.class, "writer"), 1L, ids(2L)))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("is not a many-to-many relation");
    }

    @Test
    void bindsLinkKeysAsTheirColumnTypes() {
      RelationModel songs = relation(Playlist.class, "songs");
      rendersOnBoth(
          fetch(f -> f.manyToMany(songs, ids(1, 2L), FetchOptions.DEFAULT)),
          "SELECT l.playlist_id AS r2orm_owner, t.id, t.title FROM song t JOIN playlist_song l ON l.song_id = t.id"
              + " WHERE l.playlist_id = ANY($1) ORDER BY t.id ASC",
          bind(new Integer[] {1, 2}, Integer[].class));
      rendersOn(
          Golden.POSTGRES,
          fetch(f -> f.link(songs, 3L, ids(SONG))),
          "INSERT INTO playlist_song (playlist_id, song_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
          bind(3, Integer.class),
          bind(SONG, UUID.class));
      rendersOn(
          Golden.H2,
          fetch(f -> f.link(songs, 3L, ids(SONG))),
          "MERGE INTO playlist_song USING (VALUES (CAST($1 AS INTEGER), CAST($2 AS UUID))) AS r2orm_src (playlist_id, song_id)"
              + " ON playlist_song.playlist_id = r2orm_src.playlist_id AND playlist_song.song_id = r2orm_src.song_id"
              + " WHEN NOT MATCHED THEN INSERT (playlist_id, song_id) VALUES (r2orm_src.playlist_id, r2orm_src.song_id)",
          bind(3, Integer.class),
          bind(SONG, UUID.class));
      rendersOnBoth(
          fetch(f -> f.unlink(songs, 3, ids(SONG))),
          "DELETE FROM playlist_song WHERE playlist_id = $1 AND song_id = ANY($2)",
          bind(3, Integer.class),
          bind(new UUID[] {SONG}, UUID[].class));
    }

    /** No targets: refused (the adapter sends no statement then), never an INSERT without rows. */
    @Test
    void linkingNoTargetsIsRefused() {
      assertThatThrownBy(
              () ->
                  new FetchRenderer(Golden.POSTGRES).link(relation(Novel.class, "tags"), 1L, ids()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("linking needs at least one target id");
    }
  }

  @Nested
  class SelectJoined {
    static final String NOVEL_P = "p.id, p.title, p.\"year\", p.writer_id, p.publisher_ref";

    @Test
    void joinsAToOneAndQualifiesConditionOrderLimitAndOffset() {
      Select select =
          Select.from(Novel.class)
              .where(YEAR.gt(1960).and(NOVEL_WRITER.idEq(5)))
              .withOrderBy(List.of(TITLE.asc()))
              .withLimit(10L)
              .withOffset(20L);
      rendersOnBoth(
          fetch(f -> f.selectJoined(select, List.of(relation(Novel.class, "writer")))),
          "SELECT "
              + NOVEL_P
              + ", j1.id, j1.name FROM novel p LEFT JOIN writer j1 ON j1.id = p.writer_id"
              + " WHERE p.\"year\" > $1 AND p.writer_id = $2 ORDER BY p.title ASC LIMIT $3 OFFSET $4",
          bind(1960, Integer.class),
          bind(5L, Long.class),
          bind(10L, Long.class),
          bind(20L, Long.class));
    }

    @Test
    void joinsTwoTargetsInTheOrderGiven() {
      Select select = Select.from(Novel.class);
      rendersOnBoth(
          fetch(
              f ->
                  f.selectJoined(
                      select,
                      List.of(
                          relation(Novel.class, "publisher"), relation(Novel.class, "writer")))),
          "SELECT "
              + NOVEL_P
              + ", j1.id, j1.name, j2.id, j2.name FROM novel p"
              + " LEFT JOIN publisher j1 ON j1.id = p.publisher_ref LEFT JOIN writer j2 ON j2.id = p.writer_id");
    }

    @Test
    void joinsASelfReference() {
      rendersOnBoth(
          fetch(
              f ->
                  f.selectJoined(
                      Select.from(Employee.class).withLimit(5L),
                      List.of(relation(Employee.class, "manager")))),
          "SELECT p.id, p.name, p.manager_id, j1.id, j1.name, j1.manager_id FROM employee p"
              + " LEFT JOIN employee j1 ON j1.id = p.manager_id LIMIT $1",
          bind(5L, Long.class));
    }

    @Test
    void joinsTheOwningSideOfAOneToOne() {
      rendersOnBoth(
          fetch(
              f ->
                  f.selectJoined(
                      Select.from(Biography.class), List.of(relation(Biography.class, "writer")))),
          "SELECT p.id, p.text, p.writer_id, j1.id, j1.name FROM biography p LEFT JOIN writer j1 ON j1.id = p.writer_id");
    }

    @Test
    void rejectsRelationsWithoutAKeyInTheParent() {
      FetchRenderer renderer = new FetchRenderer(Golden.H2);
      assertThatThrownBy(
              () ->
                  renderer.selectJoined(
                      Select.from(Writer.class), List.of(relation(Writer.class, "novels"))))
          .isInstanceOf(QueryBuildException.class)
          .hasMessageContaining(
              "Writer.novels (ONE_TO_MANY Novel) cannot be joined: only to-one relations of Writer"
                  + " that hold the key can");
      assertThatThrownBy(
              () ->
                  renderer.selectJoined(
                      Select.from(Writer.class), List.of(relation(Writer.class, "biography"))))
          .isInstanceOf(QueryBuildException.class)
          .hasMessageContaining("cannot be joined");
      assertThatThrownBy(
              () ->
                  renderer.selectJoined(
                      Select.from(Writer.class), List.of(relation(Novel.class, "writer"))))
          .isInstanceOf(QueryBuildException.class)
          .hasMessageContaining(
              "Novel.writer (MANY_TO_ONE Writer) cannot be joined: only to-one relations of Writer");
    }
  }

  @Nested
  class ForeignKeyConditions {
    @Test
    void bindsAnIdOfAnotherNumberTypeAsTheKeyType() {
      rendersOnBoth(
          r -> r.select(Select.from(Novel.class).where(NOVEL_WRITER.idEq(5))),
          "SELECT " + NOVEL_COLUMNS + " FROM novel WHERE writer_id = $1",
          bind(5L, Long.class));
    }

    @Test
    void bindsAListOfIdsAsAnArrayOfTheKeyType() {
      rendersOnBoth(
          r -> r.select(Select.from(Novel.class).where(NOVEL_WRITER.idIn(List.of(1, 2L)))),
          "SELECT " + NOVEL_COLUMNS + " FROM novel WHERE writer_id = ANY($1)",
          bind(new Long[] {1L, 2L}, Long[].class));
    }

    @Test
    void bindsAReferenceThroughItsId() {
      Writer writer = new Writer(9L, "Le Guin", List.of(), List.of(), Ref.none());
      rendersOnBoth(
          r -> r.select(Select.from(Novel.class).where(NOVEL_WRITER.idEq(Ref.of(writer)))),
          "SELECT " + NOVEL_COLUMNS + " FROM novel WHERE writer_id = $1",
          bind(9L, Long.class));
      rendersOnBoth(
          r -> r.select(Select.from(Novel.class).where(NOVEL_WRITER.idEq(Ref.to(4)))),
          "SELECT " + NOVEL_COLUMNS + " FROM novel WHERE writer_id = $1",
          bind(4L, Long.class));
    }

    @Test
    void testsTheKeyForNull() {
      rendersOnBoth(
          r ->
              r.select(
                  Select.from(Novel.class)
                      .where(NOVEL_WRITER.idEq(null).or(NOVEL_WRITER.isNotNull()))),
          "SELECT "
              + NOVEL_COLUMNS
              + " FROM novel WHERE writer_id IS NULL OR writer_id IS NOT NULL");
    }

    @Test
    void bindsAnIntegerKey() {
      Relation<Volume, Shelf> shelf = Relation.toOne(Volume.class, "shelf", Shelf.class);
      rendersOnBoth(
          r -> r.select(Select.from(Volume.class).where(shelf.idEq(3L))),
          "SELECT id, shelf_id, shelf_no FROM volume WHERE shelf_id = $1",
          bind(3, Integer.class));
    }
  }
}
