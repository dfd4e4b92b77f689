package io.r2orm.benchmarks;

import static org.springframework.data.relational.core.query.Criteria.where;
import static org.springframework.data.relational.core.query.Query.query;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.Readable;
import io.r2orm.benchmarks.contender.Jdbc;
import io.r2orm.benchmarks.contender.R2orm;
import io.r2orm.benchmarks.contender.R2ormRecommended;
import io.r2orm.benchmarks.contender.RawDriver;
import io.r2orm.benchmarks.contender.RawDriverBinary;
import io.r2orm.benchmarks.contender.RawR2dbc;
import io.r2orm.benchmarks.contender.SpringData;
import io.r2orm.benchmarks.model.Child;
import io.r2orm.benchmarks.model.Parent;
import io.r2orm.benchmarks.model.Parent_;
import io.r2orm.benchmarks.spring.SpringChild;
import io.r2orm.benchmarks.spring.SpringLoadedParent;
import io.r2orm.benchmarks.spring.SpringParent;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.springframework.data.domain.Sort;
import reactor.core.publisher.Flux;

/**
 * Workload 3: load all 1,000 parents with their 10 children each into objects — one query per
 * parent (N+1), one {@code = ANY($1)} query per {@value #WINDOW} parents (batched), one join, and
 * r2orm's fetch plan. The score is milliseconds per complete load.
 */
@Fork(1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 3, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class RelationsBenchmark {
  static final int WINDOW = 500;
  private static final String PARENTS = "SELECT id, name FROM parent";
  private static final String CHILDREN_OF_ONE =
      "SELECT id, parent_id, name, position FROM child WHERE parent_id = $1 ORDER BY id";
  private static final String CHILDREN_OF_MANY =
      "SELECT id, parent_id, name, position FROM child WHERE parent_id = ANY($1) ORDER BY id";
  private static final String JOIN =
      "SELECT p.id, p.name, c.id, c.parent_id, c.name, c.position"
          + " FROM parent p LEFT JOIN child c ON c.parent_id = p.id ORDER BY p.id, c.id";

  @Benchmark
  public List<Parent> rawNPlusOne(RawDriver raw) {
    return check(rawNPlusOne(raw.pool));
  }

  @Benchmark
  public List<Parent> rawBatched(RawDriver raw) {
    return check(rawBatched(raw.pool));
  }

  @Benchmark
  public List<Parent> rawJoin(RawDriver raw) {
    return check(rawJoin(raw.pool));
  }

  @Benchmark
  public List<Parent> rawBinaryBatched(RawDriverBinary raw) {
    return check(rawBatched(raw.pool));
  }

  /** r2orm's fetch plan with its default window (256 parents per child query). */
  @Benchmark
  public List<Parent> r2orm(R2orm r2orm) {
    return check(r2orm.db.select(Parent.class).fetch(Parent_.CHILDREN).all());
  }

  @Benchmark
  public List<Parent> r2ormRecommended(R2ormRecommended r2orm) {
    return check(r2orm.db.select(Parent.class).fetch(Parent_.CHILDREN).all());
  }

  /** Template per parent: {@code select(SpringChild).matching(parentId = ?)}. */
  @Benchmark
  public List<SpringLoadedParent> springNPlusOne(SpringData spring) {
    return checkSpring(
        spring
            .template
            .select(SpringParent.class)
            .all()
            .collectList()
            .flatMapMany(
                parents ->
                    Flux.fromIterable(parents)
                        .flatMapSequential(
                            p ->
                                spring
                                    .template
                                    .select(SpringChild.class)
                                    .matching(
                                        query(where("parentId").is(p.id())).sort(Sort.by("id")))
                                    .all()
                                    .collectList()
                                    .map(children -> new SpringLoadedParent(p, children)),
                            BenchConfig.POOL_SIZE)));
  }

  /**
   * Template per window: {@code where("parentId").in(ids)}, which Spring renders as an expanded
   * {@code IN} list.
   */
  @Benchmark
  public List<SpringLoadedParent> springBatched(SpringData spring) {
    return checkSpring(
        spring
            .template
            .select(SpringParent.class)
            .all()
            .buffer(WINDOW)
            .concatMap(
                window ->
                    spring
                        .template
                        .select(SpringChild.class)
                        .matching(
                            query(
                                    where("parentId")
                                        .in(window.stream().map(SpringParent::id).toList()))
                                .sort(Sort.by("id")))
                        .all()
                        .collectList()
                        .flatMapIterable(
                            children -> {
                              Map<Long, List<SpringChild>> byParent = new HashMap<>();
                              for (SpringChild c : children) {
                                byParent
                                    .computeIfAbsent(c.parentId(), k -> new ArrayList<>())
                                    .add(c);
                              }
                              return window.stream()
                                  .map(
                                      p ->
                                          new SpringLoadedParent(
                                              p, byParent.getOrDefault(p.id(), List.of())))
                                  .toList();
                            })));
  }

  /**
   * Spring has no API for a join into a parent and its children: hand-written {@code
   * DatabaseClient} SQL.
   */
  @Benchmark
  public List<SpringLoadedParent> springJoin(SpringData spring) {
    return checkSpring(
        spring
            .client
            .sql(JOIN)
            .map(
                (row, meta) ->
                    new Object[] {
                      row.get(0, Long.class), row.get(1, String.class), springChild(row)
                    })
            .all()
            .bufferUntilChanged(values -> values[0])
            .map(
                rows -> {
                  List<SpringChild> children = new ArrayList<>(rows.size());
                  for (Object[] values : rows) {
                    if (values[2] != null) {
                      children.add((SpringChild) values[2]);
                    }
                  }
                  Object[] first = rows.get(0);
                  return new SpringLoadedParent(
                      new SpringParent((Long) first[0], (String) first[1]), children);
                }));
  }

  @Benchmark
  public List<Parent> jdbcBatched(Jdbc jdbc) throws SQLException {
    return check(jdbcBatched(jdbc.dataSource));
  }

  static Flux<Parent> rawNPlusOne(ConnectionFactory factory) {
    return rawParents(factory)
        .collectList()
        .flatMapMany(
            parents ->
                Flux.fromIterable(parents)
                    .flatMapSequential(
                        p ->
                            RawR2dbc.withConnection(
                                    factory,
                                    c ->
                                        Flux.from(
                                                c.createStatement(CHILDREN_OF_ONE)
                                                    .bind(0, p.id())
                                                    .execute())
                                            .concatMap(
                                                result -> result.map(RelationsBenchmark::child)))
                                .collectList()
                                .map(children -> new Parent(p.id(), p.name(), children)),
                        BenchConfig.POOL_SIZE));
  }

  static Flux<Parent> rawBatched(ConnectionFactory factory) {
    return rawParents(factory)
        .buffer(WINDOW)
        .concatMap(
            window -> {
              Long[] ids = window.stream().map(Parent::id).toArray(Long[]::new);
              return RawR2dbc.withConnection(
                      factory,
                      c ->
                          Flux.from(c.createStatement(CHILDREN_OF_MANY).bind(0, ids).execute())
                              .concatMap(result -> result.map(RelationsBenchmark::child)))
                  .collectList()
                  .flatMapIterable(children -> attach(window, children));
            });
  }

  static Flux<Parent> rawJoin(ConnectionFactory factory) {
    return RawR2dbc.withConnection(
            factory,
            (Connection c) ->
                Flux.from(c.createStatement(JOIN).execute())
                    .concatMap(result -> result.map((row, meta) -> joined(row))))
        .bufferUntilChanged(values -> values[0])
        .map(
            rows -> {
              List<Child> children = new ArrayList<>(rows.size());
              for (Object[] values : rows) {
                if (values[2] != null) {
                  children.add((Child) values[2]);
                }
              }
              Object[] first = rows.get(0);
              return new Parent((Long) first[0], (String) first[1], children);
            });
  }

  static List<Parent> jdbcBatched(DataSource dataSource) throws SQLException {
    try (java.sql.Connection c = dataSource.getConnection()) {
      List<Parent> parents = new ArrayList<>(BenchDatabase.PARENTS);
      try (PreparedStatement ps = c.prepareStatement(PARENTS);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          parents.add(new Parent(rs.getLong(1), rs.getString(2), List.of()));
        }
      }
      List<Parent> loaded = new ArrayList<>(parents.size());
      try (PreparedStatement ps = c.prepareStatement(CHILDREN_OF_MANY.replace("$1", "?"))) {
        for (int i = 0; i < parents.size(); i += WINDOW) {
          List<Parent> window = parents.subList(i, Math.min(parents.size(), i + WINDOW));
          ps.setArray(1, c.createArrayOf("bigint", window.stream().map(Parent::id).toArray()));
          List<Child> children = new ArrayList<>();
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              children.add(new Child(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4)));
            }
          }
          loaded.addAll(attach(window, children));
        }
      }
      return loaded;
    }
  }

  private static Flux<Parent> rawParents(ConnectionFactory factory) {
    return RawR2dbc.withConnection(
        factory,
        c ->
            Flux.from(c.createStatement(PARENTS).execute())
                .concatMap(
                    result ->
                        result.map(
                            (row, meta) ->
                                new Parent(
                                    row.get(0, Long.class), row.get(1, String.class), List.of()))));
  }

  private static Child child(Readable row) {
    return new Child(
        row.get(0, Long.class),
        row.get(1, Long.class),
        row.get(2, String.class),
        row.get(3, Integer.class));
  }

  private static Object[] joined(Readable row) {
    Long parentId = row.get(0, Long.class);
    String parentName = row.get(1, String.class);
    Long childId = row.get(2, Long.class);
    Child child =
        childId == null
            ? null
            : new Child(
                childId,
                row.get(3, Long.class),
                row.get(4, String.class),
                row.get(5, Integer.class));
    return new Object[] {parentId, parentName, child};
  }

  private static SpringChild springChild(Readable row) {
    Long id = row.get(2, Long.class);
    return id == null
        ? null
        : new SpringChild(
            id, row.get(3, Long.class), row.get(4, String.class), row.get(5, Integer.class));
  }

  private static List<Parent> attach(List<Parent> window, List<Child> children) {
    Map<Long, List<Child>> byParent = new HashMap<>();
    for (Child c : children) {
      byParent.computeIfAbsent(c.parentId(), k -> new ArrayList<>()).add(c);
    }
    List<Parent> loaded = new ArrayList<>(window.size());
    for (Parent p : window) {
      loaded.add(new Parent(p.id(), p.name(), byParent.getOrDefault(p.id(), List.of())));
    }
    return loaded;
  }

  private static List<Parent> check(Flux<Parent> parents) {
    return check(parents.collectList().block());
  }

  static List<Parent> check(List<Parent> parents) {
    if (parents == null || parents.size() != BenchDatabase.PARENTS) {
      throw new IllegalStateException(
          "expected "
              + BenchDatabase.PARENTS
              + " parents, got "
              + (parents == null ? null : parents.size()));
    }
    for (Parent p : parents) {
      if (p.children().size() != BenchDatabase.CHILDREN_PER_PARENT) {
        throw new IllegalStateException(
            "parent " + p.id() + " has " + p.children().size() + " children");
      }
    }
    return parents;
  }

  private static List<SpringLoadedParent> checkSpring(Flux<SpringLoadedParent> parents) {
    List<SpringLoadedParent> list = parents.collectList().block();
    if (list == null
        || list.size() != BenchDatabase.PARENTS
        || list.stream().anyMatch(p -> p.children().size() != BenchDatabase.CHILDREN_PER_PARENT)) {
      throw new IllegalStateException("Spring load returned the wrong parents or children");
    }
    return list;
  }
}
