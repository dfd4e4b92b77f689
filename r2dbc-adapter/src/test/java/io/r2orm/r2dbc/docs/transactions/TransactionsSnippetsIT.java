package io.r2orm.r2dbc.docs.transactions;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.IsolationLevel;
import io.r2orm.core.exception.R2ormException;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.TransactionOptions;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * The Java snippets of {@code docs/transactions.md}, verbatim between {@code // transactions.md}
 * markers, each run on H2 and PostgreSQL ({@code DocSnippetsTest} compares them with the page).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class TransactionsSnippetsIT extends DatabaseTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @BeforeEach
  void schema() {
    testDatabase().sql("DROP TABLE IF EXISTS orders", "DROP TABLE IF EXISTS order_line", "DROP TABLE IF EXISTS stock",
        "DROP TABLE IF EXISTS tx_note", "DROP TABLE IF EXISTS book", "DROP TABLE IF EXISTS account");
    db().schema().create(Order.class, OrderLine.class, Stock.class, TxNote.class, Book.class, Account.class).block(WAIT);
  }

  @Test
  void aUnitOfWork() {
    Database db = db();
    Stock stock = db.insert(new Stock("sku-1", 10, 0)).block(WAIT);
    Order order = new Order(null, "ada", "sku-1", 3);
    // transactions.md
    Mono<Order> placed = db.transaction(tx ->
            tx.insert(order)
              .flatMap(o -> tx.insertAll(lines(o)).then(tx.update(stock.minus(o))).thenReturn(o)))
        .single();
    // transactions.md: end
    Order stored = placed.block(WAIT);
    assertThat(stored.id()).isNotNull();
    assertThat(db.select(OrderLine.class).where(OrderLine_.ORDER_ID.eq(stored.id())).count().block(WAIT)).isEqualTo(1L);
    assertThat(db.findById(Stock.class, "sku-1").block(WAIT).quantity()).isEqualTo(7);
    assertThat(placed.onErrorResume(e -> Mono.empty()).block(WAIT)).as("the stock's version is stale now").isNull();
    assertThat(db.select(Order.class).count().block(WAIT)).as("the failed attempt was rolled back").isEqualTo(1L);
  }

  private static List<OrderLine> lines(Order order) {
    return List.of(new OrderLine(null, order.id(), order.sku(), order.quantity()));
  }

  @Test
  void options() {
    Database db = db();
    db.insert(new Account(null, new BigDecimal("5.00"))).block(WAIT);
    // transactions.md
    Flux<Account> accounts = db.transaction(TransactionOptions.defaults().withIsolation(IsolationLevel.SERIALIZABLE)
            .withTimeout(Duration.ofSeconds(5)), tx -> tx.select(Account.class).all());
    // transactions.md: end
    assertThat(accounts.count().block(WAIT)).isEqualTo(1L);
  }

  @Test
  void rollbackOnly() {
    Database db = db();
    // transactions.md
    List<TxNote> preview = db.transaction(TransactionOptions.defaults().withRollbackOnly(true),
            tx -> tx.insertAll(List.of(TxNote.of("a"), TxNote.of("b"))).concatWith(tx.select(TxNote.class).all()))
        .collectList().block();   // the two inserted notes, with ids, and every note the transaction saw; nothing stored
    // transactions.md: end
    assertThat(preview).hasSize(4).allSatisfy(n -> assertThat(n.id()).isNotNull());
    assertThat(db.select(TxNote.class).count().block(WAIT)).isZero();
  }

  @Test
  void aWritePerStreamedRow() {
    Database db = db();
    db.insertAll(IntStream.range(0, 600).mapToObj(i -> new Book(null, "b" + i, BigDecimal.ONE, 0)).toList())
        .blockLast(WAIT);
    Flux<Book> repriced =
    // transactions.md
    db.transaction(tx -> tx.select(Book.class).all().concatMap(b -> tx.update(b.withPrice(b.price().add(BigDecimal.ONE)))));
    // transactions.md: end
    assertThat(repriced.count().block(WAIT)).isEqualTo(600L);
    assertThat(db.select(Book.class).where(Book_.PRICE.eq(new BigDecimal("2"))).count().block(WAIT)).isEqualTo(600L);
  }

  @Test
  void retryingTheWholeTransaction() {
    Database db = db();
    Account a = db.insert(new Account(null, new BigDecimal("10.00"))).block(WAIT);
    Account b = db.insert(new Account(null, new BigDecimal("0.00"))).block(WAIT);
    Long from = a.id();
    Long to = b.id();
    BigDecimal amount = new BigDecimal("4.00");
    // transactions.md
    Mono<Long> moved = db.transaction(TransactionOptions.defaults().withIsolation(IsolationLevel.SERIALIZABLE),
            tx -> transfer(tx, from, to, amount))
        .last()
        .retryWhen(Retry.backoff(3, Duration.ofMillis(50)).filter(R2ormException::isRetryable));
    // transactions.md: end
    assertThat(moved.block(WAIT)).isEqualTo(2L);
    assertThat(db.findById(Account.class, to).block(WAIT).balance()).isEqualByComparingTo("4.00");
  }

  /** Moves {@code amount} between two accounts; emits the number of rows changed. */
  private static Mono<Long> transfer(Database tx, Long from, Long to, BigDecimal amount) {
    return tx.update(Account.class).set(Account_.BALANCE, Account_.BALANCE.minus(amount)).where(Account_.ID.eq(from))
        .execute()
        .flatMap(n -> tx.update(Account.class).set(Account_.BALANCE, Account_.BALANCE.plus(amount))
            .where(Account_.ID.eq(to)).execute().map(m -> n + m));
  }
}
