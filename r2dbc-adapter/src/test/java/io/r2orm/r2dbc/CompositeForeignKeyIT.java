package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.query.Ref;
import io.r2orm.r2dbc.tenant.Customer;
import io.r2orm.r2dbc.tenant.Customer.CustomerKey;
import io.r2orm.r2dbc.tenant.Customer_;
import io.r2orm.r2dbc.tenant.Note;
import io.r2orm.r2dbc.tenant.Note_;
import io.r2orm.r2dbc.tenant.OrderLine;
import io.r2orm.r2dbc.tenant.TenantOrder;
import io.r2orm.r2dbc.tenant.TenantOrder.OrderKey;
import io.r2orm.r2dbc.tenant.TenantOrder_;
import io.r2orm.r2dbc.test.DatabaseTest;
import io.r2orm.r2dbc.test.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Relations whose foreign key has several columns (issue #12): a multi-tenant schema keyed {@code
 * (tenant_id, id)}, where an order refers to its customer by {@code (tenant_id, customer_id)} and
 * shares the tenant column with its own key, and a line refers to its order by two of the three
 * columns of its key. Customer ids repeat in every tenant under different names, so a fetch that
 * ignored the tenant column would attach the wrong customer. Every read path batches: one statement
 * per relation per window of parents, {@code (a, b) IN (SELECT * FROM UNNEST($1, $2))}. Before, a
 * relation to an entity with a composite key was refused while mapping.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class CompositeForeignKeyIT extends DatabaseTest {
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final int TENANTS = 3;
  private static final int CUSTOMERS = 4;
  private static final int ORDERS = 10;

  /** A row of hand-written SQL: an order and the name of its customer. */
  public record OrderCustomer(Long tenantId, Long id, String name) {}

  /** A row of hand-written SQL: a customer and the total of one of its orders. */
  public record CustomerTotal(Long tenantId, Long id, Long total) {}

  private final StatementCounter counter = new StatementCounter();
  private Database db;

  @BeforeEach
  void schema() {
    testDatabase()
        .sql(
            "DROP TABLE IF EXISTS tenant_order_line",
            "DROP TABLE IF EXISTS tenant_note",
            "DROP TABLE IF EXISTS tenant_order",
            "DROP TABLE IF EXISTS tenant_customer");
    db().schema()
        .create(Customer.class, TenantOrder.class, OrderLine.class, Note.class)
        .block(WAIT);
    db = Database.builder(testDatabase().pool()).listener(counter).build();
    List<Customer> customers = new ArrayList<>();
    List<TenantOrder> orders = new ArrayList<>();
    List<OrderLine> lines = new ArrayList<>();
    for (long t = 1; t <= TENANTS; t++) {
      for (long c = 1; c <= CUSTOMERS; c++) {
        customers.add(Customer.of(t, c, "t" + t + " c" + c));
      }
      for (long o = 1; o <= ORDERS; o++) {
        orders.add(TenantOrder.of(t, o, customerOf(o), t * 100 + o));
        for (int l = 1; l <= o % 3; l++) {
          lines.add(OrderLine.of(t, o, l, "t" + t + " o" + o + " l" + l));
        }
      }
    }
    db.insertAll(customers).then().block(WAIT);
    db.insertAll(orders).then().block(WAIT);
    db.insertAll(lines).then().block(WAIT);
  }

  private static long customerOf(long order) {
    return order % CUSTOMERS + 1;
  }

  private List<OrderCustomer> handWrittenOrderCustomers() {
    return db.sql(
            "SELECT o.tenant_id, o.id, c.name FROM tenant_order o JOIN tenant_customer c"
                + " ON c.tenant_id = o.tenant_id AND c.id = o.customer_id"
                + " ORDER BY o.tenant_id, o.id")
        .all(OrderCustomer.class)
        .collectList()
        .block(WAIT);
  }

  private static List<OrderCustomer> orderCustomers(List<TenantOrder> orders) {
    return orders.stream()
        .map(o -> new OrderCustomer(o.id().tenantId(), o.id().id(), o.customer().get().name()))
        .toList();
  }

  @Test
  void theOrderTableHoldsTheTenantColumnOnce() {
    String sql =
        kind == TestDatabase.Kind.POSTGRES
            ? "SELECT string_agg(column_name, ',' ORDER BY ordinal_position) FROM"
                + " information_schema.columns WHERE table_name = 'tenant_order'"
            : "SELECT LISTAGG(COLUMN_NAME, ',') WITHIN GROUP (ORDER BY ORDINAL_POSITION) FROM"
                + " INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'TENANT_ORDER'";
    assertThat(testDatabase().queryOne(sql, String.class).toLowerCase())
        .isEqualTo("tenant_id,id,customer_id,total,version");
    assertThat(
            testDatabase()
                .queryOne(
                    "SELECT COUNT(*) FROM tenant_order WHERE tenant_id = 2 AND customer_id = "
                        + customerOf(3)
                        + " AND id = 3 AND total = 203",
                    Long.class))
        .isEqualTo(1L);
  }

  @Test
  void ordersFetchTheirCustomersByBothColumnsInOneStatement() {
    counter.reset();
    List<TenantOrder> orders =
        db.select(TenantOrder.class)
            .orderBy(TenantOrder_.ID_TENANT_ID.asc(), TenantOrder_.ID_ID.asc())
            .fetch(TenantOrder_.CUSTOMER)
            .all()
            .collectList()
            .block(WAIT);
    assertThat(counter.statements()).as("orders, then their customers").hasSize(2);
    assertThat(counter.statements().get(1)).containsIgnoringCase("UNNEST");
    assertThat(orders).hasSize(TENANTS * ORDERS);
    assertThat(orderCustomers(orders)).isEqualTo(handWrittenOrderCustomers());
    assertThat(orders.get(ORDERS).customer().id()).isEqualTo(new CustomerKey(2L, customerOf(1)));
  }

  @Test
  void aJoinedFetchReadsOrdersAndCustomersInOneStatement() {
    counter.reset();
    List<TenantOrder> orders =
        db.select(TenantOrder.class)
            .orderBy(TenantOrder_.ID_TENANT_ID.asc(), TenantOrder_.ID_ID.asc())
            .fetch(TenantOrder_.CUSTOMER.joined())
            .all()
            .collectList()
            .block(WAIT);
    assertThat(counter.statements()).hasSize(1);
    assertThat(orderCustomers(orders)).isEqualTo(handWrittenOrderCustomers());
  }

  @Test
  void windowsShorterThanTheResultBatchOncePerWindow() {
    counter.reset();
    List<TenantOrder> orders =
        db.select(TenantOrder.class)
            .orderBy(TenantOrder_.ID_TENANT_ID.asc(), TenantOrder_.ID_ID.asc())
            .fetch(TenantOrder_.CUSTOMER)
            .window(4)
            .all()
            .collectList()
            .block(WAIT);
    int windows = (TENANTS * ORDERS + 3) / 4;
    assertThat(counter.statements().stream().filter(sql -> sql.contains("FROM tenant_customer")))
        .as("one statement for the customers of each window of orders")
        .hasSize(windows);
    assertThat(orderCustomers(orders)).isEqualTo(handWrittenOrderCustomers());
  }

  @Test
  void customersFetchTheirOrdersAndTheirLinesOneStatementPerRelation() {
    counter.reset();
    List<Customer> customers =
        db.select(Customer.class)
            .orderBy(Customer_.ID_TENANT_ID.asc(), Customer_.ID_ID.asc())
            .fetch(Customer_.ORDERS.then(TenantOrder_.LINES))
            .all()
            .collectList()
            .block(WAIT);
    assertThat(counter.statements()).as("customers, orders, lines").hasSize(3);
    assertThat(customers).hasSize(TENANTS * CUSTOMERS);

    List<CustomerTotal> expected =
        db.sql(
                "SELECT c.tenant_id, c.id, o.total FROM tenant_customer c JOIN tenant_order o"
                    + " ON o.tenant_id = c.tenant_id AND o.customer_id = c.id"
                    + " ORDER BY c.tenant_id, c.id, o.total DESC")
            .all(CustomerTotal.class)
            .collectList()
            .block(WAIT);
    List<CustomerTotal> fetched = new ArrayList<>();
    for (Customer c : customers) {
      for (TenantOrder o : c.orders()) {
        fetched.add(new CustomerTotal(c.id().tenantId(), c.id().id(), o.total()));
        assertThat(o.customer().id()).isEqualTo(c.id());
        assertThat(o.lines())
            .extracting(OrderLine::product)
            .containsExactlyElementsOf(expectedLines(o.id()));
      }
    }
    assertThat(fetched).isEqualTo(expected);
  }

  private static List<String> expectedLines(OrderKey order) {
    List<String> lines = new ArrayList<>();
    for (int l = 1; l <= order.id() % 3; l++) {
      lines.add("t" + order.tenantId() + " o" + order.id() + " l" + l);
    }
    return lines;
  }

  @Test
  void aLimitPerCustomerRanksWithinBothKeyColumns() {
    counter.reset();
    List<Customer> customers =
        db.select(Customer.class)
            .orderBy(Customer_.ID_TENANT_ID.asc(), Customer_.ID_ID.asc())
            .fetch(Customer_.ORDERS.limit(1))
            .all()
            .collectList()
            .block(WAIT);
    assertThat(counter.statements()).hasSize(2);
    for (Customer c : customers) {
      long best =
          db.select(TenantOrder.class)
              .where(
                  TenantOrder_.ID_TENANT_ID
                      .eq(c.id().tenantId())
                      .and(TenantOrder_.CUSTOMER_ID.eq(c.id().id())))
              .all()
              .map(TenantOrder::total)
              .reduce(Long::max)
              .block(WAIT);
      assertThat(c.orders()).extracting(TenantOrder::total).containsExactly(best);
    }
  }

  @Test
  void loadAndTransactionsBatchTheSameWay() {
    List<TenantOrder> plain =
        db.select(TenantOrder.class)
            .orderBy(TenantOrder_.ID_TENANT_ID.asc(), TenantOrder_.ID_ID.asc())
            .all()
            .collectList()
            .block(WAIT);
    assertThat(plain.get(0).customer().isLoaded()).isFalse();
    counter.reset();
    List<TenantOrder> loaded = db.load(plain, TenantOrder_.CUSTOMER).collectList().block(WAIT);
    assertThat(counter.statements()).hasSize(1);
    assertThat(orderCustomers(loaded)).isEqualTo(handWrittenOrderCustomers());

    counter.reset();
    List<Customer> inTransaction =
        db.transaction(
                tx ->
                    tx.select(Customer.class)
                        .orderBy(Customer_.ID_TENANT_ID.asc(), Customer_.ID_ID.asc())
                        .fetch(Customer_.ORDERS)
                        .all())
            .collectList()
            .block(WAIT);
    assertThat(inTransaction).hasSize(TENANTS * CUSTOMERS);
    assertThat(inTransaction.stream().mapToInt(c -> c.orders().size()).sum())
        .isEqualTo(TENANTS * ORDERS);
  }

  @Test
  void conditionsOnTheRelationCompareEveryKeyColumn() {
    CustomerKey key = new CustomerKey(2L, 3L);
    List<TenantOrder> byKey =
        db.select(TenantOrder.class)
            .where(TenantOrder_.CUSTOMER.idEq(key))
            .all()
            .collectList()
            .block(WAIT);
    assertThat(byKey).isNotEmpty().allSatisfy(o -> assertThat(o.customer().id()).isEqualTo(key));
    assertThat(byKey).hasSize((int) countOrders(2, 3));

    List<TenantOrder> byRef =
        db.select(TenantOrder.class)
            .where(TenantOrder_.CUSTOMER.idIn(List.of(Ref.to(key), new CustomerKey(1L, 1L))))
            .all()
            .collectList()
            .block(WAIT);
    assertThat(byRef).hasSize((int) (countOrders(2, 3) + countOrders(1, 1)));

    // a join over both columns, and the key columns as plain properties
    List<String> names =
        db.select(Customer_.NAME)
            .from(TenantOrder.class)
            .join(TenantOrder_.CUSTOMER)
            .where(TenantOrder_.ID_TENANT_ID.eq(3L).and(TenantOrder_.ID_ID.eq(5L)))
            .all()
            .collectList()
            .block(WAIT);
    assertThat(names).containsExactly("t3 c" + customerOf(5));

    assertThatThrownBy(
            () ->
                db.select(TenantOrder.class)
                    .where(TenantOrder_.CUSTOMER.idEq(7L))
                    .all()
                    .blockLast(WAIT))
        .isInstanceOf(QueryBuildException.class)
        .hasMessageContaining("CustomerKey");
  }

  private long countOrders(long tenant, long customer) {
    return testDatabase()
        .queryOne(
            "SELECT COUNT(*) FROM tenant_order WHERE tenant_id = "
                + tenant
                + " AND customer_id = "
                + customer,
            Long.class);
  }

  @Test
  void updateMovesAnOrderToAnotherCustomerOfItsTenant() {
    TenantOrder order = db.findById(TenantOrder.class, new OrderKey(2L, 4L)).block(WAIT);
    TenantOrder moved = db.update(order.withCustomer(Ref.to(new CustomerKey(2L, 1L)))).block(WAIT);
    assertThat(moved.version()).isEqualTo(order.version() + 1);
    assertThat(
            testDatabase()
                .queryOne(
                    "SELECT customer_id FROM tenant_order WHERE tenant_id = 2 AND id = 4",
                    Long.class))
        .isEqualTo(1L);

    // a customer of another tenant cannot be referred to: tenant_id is the order's key
    TenantOrder current = db.findById(TenantOrder.class, new OrderKey(2L, 4L)).block(WAIT);
    assertThatThrownBy(
            () -> db.update(current.withCustomer(Ref.to(new CustomerKey(3L, 1L)))).block(WAIT))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("TenantOrder.customer.tenantId is 3")
        .hasMessageContaining("TenantOrder.id.tenantId is 2");
    assertThat(
            testDatabase()
                .queryOne(
                    "SELECT COUNT(*) FROM tenant_order WHERE tenant_id = 2 AND id = 4"
                        + " AND customer_id = 1",
                    Long.class))
        .isEqualTo(1L);
  }

  @Test
  void aReferenceOfTwoColumnsOfItsOwnMayBeEmpty() {
    Customer customer = db.findById(Customer.class, new CustomerKey(3L, 2L)).block(WAIT);
    Note about = db.insert(Note.about(Ref.of(customer), "about t3 c2")).block(WAIT);
    Note none = db.insert(Note.about(null, "about nobody")).block(WAIT);
    assertThat(
            testDatabase()
                .queryOne(
                    "SELECT COUNT(*) FROM tenant_note WHERE customer_tenant_id = 3"
                        + " AND customer_id = 2",
                    Long.class))
        .isEqualTo(1L);

    counter.reset();
    Map<Long, Note> notes =
        db.select(Note.class).fetch(Note_.CUSTOMER).all().collectMap(Note::id).block(WAIT);
    assertThat(counter.statements()).hasSize(2);
    assertThat(notes.get(about.id()).customer().get().name()).isEqualTo("t3 c2");
    assertThat(notes.get(none.id()).customer().isEmpty()).isTrue();

    assertThat(
            db.select(Note.class)
                .where(Note_.CUSTOMER.isNull())
                .all()
                .map(Note::text)
                .collectList()
                .block(WAIT))
        .containsExactly("about nobody");
    assertThat(
            db.select(Note.class)
                .where(Note_.CUSTOMER_TENANT_ID.eq(3L).and(Note_.CUSTOMER_ID.eq(2L)))
                .all()
                .map(Note::text)
                .collectList()
                .block(WAIT))
        .containsExactly("about t3 c2");
  }

  @Test
  void customersWithoutOrdersGetEmptyLists() {
    db.insert(Customer.of(1, 99, "new")).block(WAIT);
    Customer fresh =
        db.select(Customer.class)
            .where(Customer_.ID_TENANT_ID.eq(1L).and(Customer_.ID_ID.eq(99L)))
            .fetch(Customer_.ORDERS)
            .one()
            .block(WAIT);
    assertThat(fresh.orders()).isEmpty();
    List<Customer> all =
        db.select(Customer.class).fetch(Customer_.ORDERS).all().collectList().block(WAIT);
    assertThat(
            all.stream()
                .collect(Collectors.toMap(c -> c.id(), c -> c.orders().size(), (a, b) -> a))
                .values()
                .stream()
                .mapToInt(Integer::intValue)
                .sum())
        .isEqualTo(TENANTS * ORDERS);
    assertThat(all.stream().max(Comparator.comparing(c -> c.orders().size())).get().orders())
        .isNotEmpty();
  }
}
