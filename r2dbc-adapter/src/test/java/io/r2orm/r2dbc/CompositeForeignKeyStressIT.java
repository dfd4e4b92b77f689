package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.pool.ConnectionPool;
import io.r2orm.r2dbc.faults.FaultSupport;
import io.r2orm.r2dbc.tenant.Customer;
import io.r2orm.r2dbc.tenant.Customer_;
import io.r2orm.r2dbc.tenant.OrderLine;
import io.r2orm.r2dbc.tenant.TenantOrder;
import io.r2orm.r2dbc.tenant.TenantOrder_;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

/**
 * Relations over keys of two columns under load: a thousand fetches of orders with their customers
 * and customers with their orders and lines, as many at a time as the pool has connections, in
 * windows shorter than the result, most of them cut after a random number of rows or a random time,
 * inside and outside transactions, from a fixed seed. Every row that arrives has the right related
 * rows (customer ids repeat in every tenant), and afterwards the pool is idle and every connection
 * still answers.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class CompositeForeignKeyStressIT extends DatabaseTest {
  private static final long SEED = 20_261_204L;
  private static final int OPERATIONS = 1_000;
  private static final int POOL_SIZE = 6;
  private static final int TENANTS = 4;
  private static final int CUSTOMERS = 25;
  private static final int ORDERS = 150;

  private final Queue<String> problems = new ConcurrentLinkedQueue<>();
  private ConnectionPool pool;
  private Database db;

  @BeforeEach
  void fixture() {
    testDatabase()
        .sql(
            "DROP TABLE IF EXISTS tenant_order_line",
            "DROP TABLE IF EXISTS tenant_note",
            "DROP TABLE IF EXISTS tenant_order",
            "DROP TABLE IF EXISTS tenant_customer");
    db().schema().create(Customer.class, TenantOrder.class, OrderLine.class).block(WAIT);
    List<Customer> customers = new ArrayList<>();
    List<TenantOrder> orders = new ArrayList<>();
    List<OrderLine> lines = new ArrayList<>();
    for (long t = 1; t <= TENANTS; t++) {
      for (long c = 1; c <= CUSTOMERS; c++) {
        customers.add(Customer.of(t, c, name(t, c)));
      }
      for (long o = 1; o <= ORDERS; o++) {
        orders.add(TenantOrder.of(t, o, customerOf(t, o), o));
        for (int l = 1; l <= o % 3; l++) {
          lines.add(OrderLine.of(t, o, l, t + "/" + o + "/" + l));
        }
      }
    }
    db().insertAll(customers).then().block(WAIT);
    db().insertAll(orders).then().block(WAIT);
    db().insertAll(lines).then().block(WAIT);
    pool =
        FaultSupport.pool(
            FaultSupport.factory(testDatabase(), FaultSupport.applicationName("cfk")),
            POOL_SIZE,
            Duration.ofSeconds(20));
    // small fetches, so that a cancelled stream is cut between round trips
    db = Database.builder(pool).fetchSize(16).build();
  }

  private static final Duration WAIT = Duration.ofSeconds(30);

  private static String name(long tenant, long customer) {
    return "t" + tenant + " c" + customer;
  }

  /** Each tenant spreads its orders over its customers differently. */
  private static long customerOf(long tenant, long order) {
    return (order * tenant) % CUSTOMERS + 1;
  }

  @AfterEach
  void disposePool() {
    pool.disposeLater().block(Duration.ofSeconds(10));
  }

  @Test
  void cutAndConcurrentFetchesOverTwoColumnKeysAttachTheRightRowsAndReleaseEveryConnection() {
    Random random = new Random(SEED);
    List<int[]> plans = new ArrayList<>();
    for (int i = 0; i < OPERATIONS; i++) {
      plans.add(new int[] {random.nextInt(5), 1 + random.nextInt(300), 4 + random.nextInt(37)});
    }
    StepVerifier.create(
            Flux.range(0, OPERATIONS).flatMap(i -> operation(i, plans.get(i)), POOL_SIZE).then())
        .expectComplete()
        .verify(Duration.ofSeconds(120));
    assertThat(problems).as("fetches that failed or attached wrong rows").isEmpty();
    FaultSupport.assertIdle(pool);
    StepVerifier.create(
            Flux.range(1, 2 * POOL_SIZE)
                .flatMap(
                    t ->
                        db.transaction(
                            tx ->
                                tx.select(Customer.class)
                                    .where(Customer_.ID_TENANT_ID.eq((long) (t % TENANTS + 1)))
                                    .fetch(Customer_.ORDERS)
                                    .all()
                                    .count()),
                    2 * POOL_SIZE)
                .count())
        .expectNext(2L * POOL_SIZE)
        .expectComplete()
        .verify(Duration.ofSeconds(20));
    FaultSupport.assertIdle(pool);
  }

  private Mono<Void> operation(int i, int[] plan) {
    int kind = plan[0];
    int rows = plan[1];
    int window = plan[2];
    Mono<Void> op =
        switch (kind) {
          case 0 -> checkOrders(orders(db, window).take(rows));
          case 1 ->
              checkOrders(db.transaction(tx -> orders(tx, window)).take(rows % (TENANTS * 20) + 1));
          case 2 -> checkOrders(orders(db, window).take(Duration.ofMillis(window / 2)));
          case 3 ->
              checkCustomers(
                  db.select(Customer.class)
                      .orderBy(Customer_.ID_TENANT_ID.asc(), Customer_.ID_ID.asc())
                      .fetch(Customer_.ORDERS.then(TenantOrder_.LINES))
                      .window(1 + window % 8)
                      .all()
                      .take(rows % (TENANTS * CUSTOMERS) + 1));
          default ->
              checkOrders(
                  db.select(TenantOrder.class)
                      .orderBy(TenantOrder_.ID_TENANT_ID.asc(), TenantOrder_.ID_ID.asc())
                      .fetch(TenantOrder_.CUSTOMER.joined())
                      .all()
                      .take(rows));
        };
    return op.onErrorResume(
        e -> {
          problems.add("operation " + i + " (kind " + kind + ") failed: " + e);
          return Mono.empty();
        });
  }

  private static Flux<TenantOrder> orders(Database db, int window) {
    return db.select(TenantOrder.class)
        .orderBy(TenantOrder_.ID_TENANT_ID.asc(), TenantOrder_.ID_ID.asc())
        .fetch(TenantOrder_.CUSTOMER)
        .window(window)
        .all();
  }

  private Mono<Void> checkOrders(Flux<TenantOrder> orders) {
    return orders
        .doOnNext(
            o -> {
              long t = o.id().tenantId();
              String expected = name(t, customerOf(t, o.id().id()));
              String actual = o.customer().get().name();
              if (!expected.equals(actual)) {
                problems.add("order " + o.id() + " got customer " + actual);
              }
            })
        .then();
  }

  private Mono<Void> checkCustomers(Flux<Customer> customers) {
    return customers
        .doOnNext(
            c -> {
              long t = c.id().tenantId();
              long expectedOrders = 0;
              for (long o = 1; o <= ORDERS; o++) {
                if (customerOf(t, o) == c.id().id()) expectedOrders++;
              }
              if (c.orders().size() != expectedOrders) {
                problems.add("customer " + c.id() + " got " + c.orders().size() + " orders");
              }
              for (TenantOrder o : c.orders()) {
                if (!o.customer().id().equals(c.id()) || o.lines().size() != o.id().id() % 3) {
                  problems.add("order " + o.id() + " of customer " + c.id() + " is wrong");
                }
              }
            })
        .then();
  }
}
