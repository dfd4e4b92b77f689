package io.r2orm.r2dbc.docs.mapping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2dbc.pool.ConnectionPool;
import io.r2orm.core.convert.JsonCodec;
import io.r2orm.core.exception.UnsupportedFeatureException;
import io.r2orm.core.query.Functions;
import io.r2orm.core.query.Ref;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.docs.mapping.Customer.CustomerKey;
import io.r2orm.r2dbc.docs.mapping.FilmActor.FilmActorId;
import io.r2orm.r2dbc.docs.mapping.Purchase.PurchaseKey;
import io.r2orm.r2dbc.docs.mapping.enums.Rating;
import io.r2orm.r2dbc.test.DatabaseTest;
import io.r2orm.r2dbc.test.TestDatabase;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Java snippets of {@code docs/mapping.md}: the entities in this package (and {@code enums}) as
 * the page shows them, the other blocks verbatim between {@code // mapping.md} markers, each used
 * here on H2 and PostgreSQL ({@code DocSnippetsTest} compares them with the page).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class MappingSnippetsIT extends DatabaseTest {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Test
  void aTimestampVersion() {
    Database db = db();
    testDatabase().sql("DROP TABLE IF EXISTS actor");
    db.schema().create(Actor.class).block(WAIT);
    Actor stored = db.insert(new Actor(null, "Penelope", null)).block(WAIT);
    assertThat(stored.lastUpdate()).isNotNull();
    Actor renamed = db.update(new Actor(stored.id(), "Penny", stored.lastUpdate())).block(WAIT);
    assertThat(renamed.lastUpdate()).isAfterOrEqualTo(stored.lastUpdate());
    assertThat(db.update(new Actor(stored.id(), "Stale", stored.lastUpdate().minusDays(1))).map(a -> "updated")
        .onErrorReturn("refused").block(WAIT)).isEqualTo("refused");
  }

  @Test
  void compositeKeys() {
    Database db = db();
    testDatabase().sql("DROP TABLE IF EXISTS film_actor", "DROP TABLE IF EXISTS actor");
    db.schema().create(Actor.class, FilmActor.class).block(WAIT);
    Actor actor = db.insert(new Actor(null, "Penelope", null)).block(WAIT);
    // mapping.md: a composite key in use
    FilmActorId key = new FilmActorId(actor.id(), 7L);
    db.insert(new FilmActor(key, Ref.to(actor.id()), "lead", null)).block();
    FilmActor found = db.findById(FilmActor.class, key).block();
    List<FilmActor> cast = db.select(FilmActor.class).where(FilmActor_.ID_FILM_ID.eq(7L))
        .fetch(FilmActor_.ACTOR).all().collectList().block();
    // end
    assertThat(found.role()).isEqualTo("lead");
    assertThat(cast).singleElement().satisfies(l -> assertThat(l.actor().get().name()).isEqualTo("Penelope"));
  }

  @Test
  void relationsToCompositeKeys() {
    Database db = db();
    testDatabase().sql("DROP TABLE IF EXISTS shop_purchase", "DROP TABLE IF EXISTS shop_customer");
    db.schema().create(Customer.class, Purchase.class).block(WAIT);
    db.insertAll(List.of(
        new Customer(new CustomerKey(1L, 7L), "Ada", List.of()),
        new Customer(new CustomerKey(2L, 7L), "Grace", List.of()))).then().block(WAIT);
    db.insertAll(List.of(
        new Purchase(new PurchaseKey(1L, 1L), Ref.to(new CustomerKey(1L, 7L)), 500),
        new Purchase(new PurchaseKey(2L, 1L), Ref.to(new CustomerKey(2L, 7L)), 900))).then().block(WAIT);
    // mapping.md: relations to a composite key in use
    List<Purchase> purchases = db.select(Purchase.class).where(Purchase_.ID_TENANT_ID.eq(1L))
        .fetch(Purchase_.CUSTOMER).all().collectList().block();     // 2 statements
    List<Customer> customers = db.select(Customer.class)
        .fetch(Customer_.PURCHASES).all().collectList().block();    // 2 statements
    List<Purchase> ada = db.select(Purchase.class)
        .where(Purchase_.CUSTOMER.idEq(new CustomerKey(1L, 7L))).all().collectList().block();
    // end
    assertThat(purchases).singleElement()
        .satisfies(p -> assertThat(p.customer().get().name()).isEqualTo("Ada"));
    assertThat(customers).allSatisfy(c -> assertThat(c.purchases()).singleElement()
        .satisfies(p -> assertThat(p.customer().id()).isEqualTo(c.id())));
    assertThat(ada).extracting(Purchase::cents).containsExactly(500L);
  }

  @Test
  void arrays() {
    Database db = db();
    testDatabase().sql("DROP TABLE IF EXISTS film");
    db.schema().create(Film.class).block(WAIT);
    Film film = db.insert(new Film(null, "Alien", List.of("Trailers", "Deleted Scenes"), new int[] {5, 4})).block(WAIT);
    Film read = db.findById(Film.class, film.id()).block(WAIT);
    assertThat(read.specialFeatures()).containsExactly("Trailers", "Deleted Scenes");
    assertThat(read.scores()).containsExactly(5, 4);
  }

  @Test
  void jsonText() {
    Database db = db();
    testDatabase().sql("DROP TABLE IF EXISTS payment");
    db.schema().create(Payment.class).block(WAIT);
    db.insert(new Payment(null, "{\"card\": {\"brand\": \"visa\"}, \"tags\": [\"gift\"]}")).block(WAIT);
    db.insert(new Payment(null, "{\"card\": {\"brand\": \"amex\"}, \"tags\": []}")).block(WAIT);
    List<Long> found = new java.util.ArrayList<>();
    try {
      // mapping.md
      db.select(Payment.class).where(Functions.jsonText(Payment_.DETAILS, "card", "brand").eq("visa"));   // jsonb_extract_path_text
      db.select(Payment.class).where(Functions.jsonContains(Payment_.DETAILS, "{\"tags\": [\"gift\"]}")); // @>
      // mapping.md: end
      found.add(db.select(Payment.class).where(Functions.jsonText(Payment_.DETAILS, "card", "brand").eq("visa")).count()
          .block(WAIT));
      found.add(db.select(Payment.class).where(Functions.jsonContains(Payment_.DETAILS, "{\"tags\": [\"gift\"]}"))
          .count().block(WAIT));
    } catch (UnsupportedFeatureException e) {
      assertThat(kind).as("only H2 has no JSON paths").isEqualTo(TestDatabase.Kind.H2);
      return;
    }
    assertThat(kind).isEqualTo(TestDatabase.Kind.POSTGRES);
    assertThat(found).containsExactly(1L, 1L);
  }

  @Test
  void recordsInJsonColumns() {
    ConnectionPool pool = testDatabase().pool();
    testDatabase().sql("DROP TABLE IF EXISTS orders");
    // mapping.md
    JsonMapper mapper = JsonMapper.builder().build();   // Jackson 3 (tools.jackson)
    Database db = Database.builder(pool).jsonCodec(new JsonCodec() {
      public String write(Object value) { return mapper.writeValueAsString(value); }
      public Object read(String json, Type type) { return mapper.readValue(json, mapper.constructType(type)); }
    }).build();
    // mapping.md: end
    db.schema().create(Order.class).block(WAIT);
    Order order = db.insert(new Order(null, new Shipping("Lyon", true), List.of(new Line("sku-1", 2)))).block(WAIT);
    Order read = db.findById(Order.class, order.id()).block(WAIT);
    assertThat(read.shipping()).isEqualTo(new Shipping("Lyon", true));
    assertThat(read.lines()).containsExactly(new Line("sku-1", 2));
  }

  @Test
  void unwrittenColumns() {
    Database db = db();
    testDatabase().sql("DROP TABLE IF EXISTS rental");
    db.schema().create(Rental.class).block(WAIT);
    testDatabase().sql("ALTER TABLE rental ALTER COLUMN created_at SET DEFAULT CURRENT_TIMESTAMP");
    Rental rental = db.insert(new Rental(null, "first", null, "t1")).block(WAIT);
    db.update(new Rental(rental.id(), "second", null, "t2")).block(WAIT);
    Rental read = db.findById(Rental.class, rental.id()).block(WAIT);
    assertThat(read.createdAt()).as("the database's default").isNotNull();
    assertThat(read.tenant()).as("never updated").isEqualTo("t1");
    assertThat(read.note()).isEqualTo("second");
  }

  @Test
  void nativeEnums() {
    Database db = db();
    testDatabase().sql("DROP TABLE IF EXISTS film");
    if (kind == TestDatabase.Kind.POSTGRES) {
      testDatabase().sql("DROP TYPE IF EXISTS mpaa_rating");
    }
    db.schema().create(io.r2orm.r2dbc.docs.mapping.enums.Film.class).block(WAIT);
    db.insertAll(List.of(new io.r2orm.r2dbc.docs.mapping.enums.Film(null, "Alien", Rating.R),
        new io.r2orm.r2dbc.docs.mapping.enums.Film(null, "Babe", Rating.G))).blockLast(WAIT);
    assertThat(db.select(io.r2orm.r2dbc.docs.mapping.enums.Film.class)
        .where(io.r2orm.r2dbc.docs.mapping.enums.Film_.RATING.gt(Rating.PG)).all()
        .map(io.r2orm.r2dbc.docs.mapping.enums.Film::title).collectList().block(WAIT)).containsExactly("Alien");
  }

  @Test
  void converters() {
    Database db = db();
    testDatabase().sql("DROP TABLE IF EXISTS invoice");
    db.schema().create(Invoice.class).block(WAIT);
    db.insert(new Invoice(null, new Money(new BigDecimal("12.50")))).block(WAIT);
    assertThat(db.select(Invoice.class).where(Invoice_.TOTAL.eq(new Money(new BigDecimal("12.50")))).count().block(WAIT))
        .isEqualTo(1L);
  }
}
