package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.exception.OptimisticLockException;
import io.r2orm.r2dbc.model.Country;
import io.r2orm.r2dbc.model.Sku;
import io.r2orm.r2dbc.store.Product;
import io.r2orm.r2dbc.store.ProductArchive;
import io.r2orm.r2dbc.store.ProductArchive_;
import io.r2orm.r2dbc.store.Product_;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

/**
 * Upsert (single and batched, on the id and on a natural key, versioned or not), insert … select
 * and bulk update.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class UpsertIT extends DatabaseTest {

  /** A product as the database holds it. */
  record Stored(String sku, String name, BigDecimal price, int version) {}

  @BeforeEach
  void fixture() {
    db().schema().drop(Product.class, ProductArchive.class, Country.class, Sku.class).block();
    db().schema().create(Product.class, ProductArchive.class, Country.class, Sku.class).block();
  }

  private Map<String, Stored> stored() {
    return db().sql("SELECT sku, name, price, version FROM store_product")
        .all(Stored.class)
        .collect(Collectors.toMap(Stored::sku, s -> s))
        .block();
  }

  @Test
  void batchedUpsertOnANaturalKeyInsertsNewRowsAndUpdatesExistingOnesInInputOrder() {
    List<Product> first =
        db().upsertInto(Product.class)
            .onConflict(Product_.SKU)
            .all(List.of(Product.of("A", "Apple", "1.00"), Product.of("B", "Banana", "2.00")))
            .collectList()
            .block();
    assertThat(first).extracting(Product::sku).containsExactly("A", "B");
    assertThat(first).allSatisfy(p -> assertThat(p.id()).isNotNull());
    assertThat(first).extracting(Product::version).containsExactly(1, 1);

    Product a = first.get(0);
    List<Product> second =
        db().upsertInto(Product.class)
            .onConflict(Product_.SKU)
            .all(List.of(Product.of("C", "Cherry", "3.00"), a.withName("Apricot")))
            .collectList()
            .block();
    assertThat(second).extracting(Product::sku).containsExactly("C", "A");
    assertThat(second.get(1).id()).isEqualTo(a.id());
    assertThat(second.get(1).version()).isEqualTo(2);

    Map<String, Stored> rows = stored();
    assertThat(rows).hasSize(3);
    assertThat(rows.get("A")).isEqualTo(new Stored("A", "Apricot", new BigDecimal("1.00"), 2));
    assertThat(rows.get("B").name()).isEqualTo("Banana");
    assertThat(rows.get("C").version()).isEqualTo(1);
  }

  // ---- insert-or-ignore and chosen columns (issue #12, finding 4)

  @Test
  void doNothingLeavesExistingRowsUntouchedAndEmitsOnlyTheInsertedOnes() {
    Product a = db().insert(Product.of("A", "Apple", "1.00")).block();
    List<Product> added =
        db().upsertInto(Product.class)
            .onConflict(Product_.SKU)
            .doNothing()
            .all(
                List.of(
                    Product.of("A", "Avocado", "9.00"),
                    Product.of("B", "Banana", "2.00"),
                    Product.of("C", "Cherry", "3.00")))
            .collectList()
            .block();
    assertThat(added).extracting(Product::sku).containsExactly("B", "C");
    assertThat(added).allSatisfy(p -> assertThat(p.id()).as("generated id").isNotNull());
    Map<String, Stored> rows = stored();
    assertThat(rows.get("A"))
        .as("the existing row, not updated")
        .isEqualTo(new Stored("A", "Apple", new BigDecimal("1.00"), a.version()));
    assertThat(rows).hasSize(3);
    // all there already: nothing inserted, nothing emitted, nothing changed
    assertThat(
            db().upsertInto(Product.class)
                .onConflict(Product_.SKU)
                .doNothing()
                .one(Product.of("B", "Blueberry", "5.00"))
                .blockOptional())
        .isEmpty();
    assertThat(stored().get("B").name()).isEqualTo("Banana");
  }

  @Test
  void doUpdateSetsOnlyTheChosenColumns() {
    Product a = db().insert(Product.of("A", "Apple", "1.00")).block();
    List<Product> stored =
        db().upsertInto(Product.class)
            .onConflict(Product_.SKU)
            .doUpdate(Product_.PRICE)
            .all(
                List.of(
                    a.withName("Avocado").withPrice(new BigDecimal("4.50")),
                    Product.of("B", "Banana", "2.00")))
            .collectList()
            .block();
    assertThat(stored).extracting(Product::sku).containsExactly("A", "B");
    assertThat(stored())
        .containsEntry("A", new Stored("A", "Apple", new BigDecimal("4.50"), a.version() + 1))
        .containsEntry("B", new Stored("B", "Banana", new BigDecimal("2.00"), 1));
    assertThatThrownBy(
            () -> db().upsertInto(Product.class).onConflict(Product_.SKU).doUpdate(Product_.SKU))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("doUpdate(sku) on Product");
  }

  @Test
  void aStaleVersionDoesNotOverwriteAndNothingOfTheBatchIsStored() {
    Product a =
        db().upsertInto(Product.class)
            .onConflict(Product_.SKU)
            .one(Product.of("A", "Apple", "1.00"))
            .block();
    db().upsertInto(Product.class).onConflict(Product_.SKU).one(a.withName("Apple v2")).block();

    StepVerifier.create(
            db().upsertInto(Product.class)
                .onConflict(Product_.SKU)
                .all(List.of(Product.of("N", "New", "9.00"), a.withName("stale write"))))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(OptimisticLockException.class)
                    .hasMessageContaining("Product")
                    .hasMessageContaining("[A]"))
        .verify();
    Map<String, Stored> rows = stored();
    assertThat(rows).containsOnlyKeys("A");
    assertThat(rows.get("A")).isEqualTo(new Stored("A", "Apple v2", new BigDecimal("1.00"), 2));
  }

  @Test
  void aNewEntityDoesNotOverwriteAnExistingRowWithTheSameKey() {
    db().upsertInto(Product.class)
        .onConflict(Product_.SKU)
        .one(Product.of("A", "Apple", "1.00"))
        .block();
    StepVerifier.create(
            db().upsertInto(Product.class)
                .onConflict(Product_.SKU)
                .one(Product.of("A", "Impostor", "0.01")))
        .expectError(OptimisticLockException.class)
        .verify();
    assertThat(stored().get("A").name()).isEqualTo("Apple");
  }

  @Test
  void upsertOnTheIdWithoutVersionOverwrites() {
    db().upsert(new Country("fr", "France")).block();
    List<Country> stored =
        db().upsertAll(
                List.of(new Country("fr", "République française"), new Country("de", "Germany")))
            .collectList()
            .block();
    assertThat(stored).extracting(Country::code).containsExactly("fr", "de");
    assertThat(
            db().sql("SELECT name FROM country ORDER BY code")
                .all(String.class)
                .collectList()
                .block())
        .containsExactly("Germany", "République française");
  }

  @Test
  void upsertOnAnAssignedIdHonoursTheVersion() {
    Sku first = db().upsert(new Sku("x-1", "first", null)).block();
    assertThat(first.version()).isEqualTo(1L);
    Sku second = db().upsert(new Sku("x-1", "second", 1L)).block();
    assertThat(second.version()).isEqualTo(2L);
    StepVerifier.create(db().upsert(new Sku("x-1", "stale", 1L)))
        .expectError(OptimisticLockException.class)
        .verify();
    assertThat(db().sql("SELECT description FROM sku").all(String.class).collectList().block())
        .containsExactly("second");
  }

  @Test
  void largeBatchesSpanSeveralStatementsInOneTransaction() {
    List<Product> many = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      many.add(Product.of("sku-" + i, "Product " + i, "1.50"));
    }
    List<Product> stored =
        db().upsertInto(Product.class).onConflict(Product_.SKU).all(many).collectList().block();
    assertThat(stored).hasSize(2500);
    assertThat(stored.get(2499).sku()).isEqualTo("sku-2499");
    assertThat(stored).extracting(Product::id).doesNotHaveDuplicates();
    List<Product> again =
        db().upsertInto(Product.class).onConflict(Product_.SKU).all(stored).collectList().block();
    assertThat(again).extracting(Product::version).containsOnly(2);
    assertThat(again)
        .extracting(Product::id)
        .containsExactlyElementsOf(stored.stream().map(Product::id).toList());
  }

  @Test
  void duplicateKeysInOneBatchAreRejectedBeforeAnythingIsSent() {
    StepVerifier.create(
            db().upsertInto(Product.class)
                .onConflict(Product_.SKU)
                .all(List.of(Product.of("A", "one", "1.00"), Product.of("A", "two", "2.00"))))
        .expectErrorSatisfies(
            e ->
                assertThat(e)
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[A]"))
        .verify();
    assertThat(stored()).isEmpty();
  }

  @Test
  void insertSelectCopiesRowsInsideTheDatabase() {
    db().upsertInto(Product.class)
        .onConflict(Product_.SKU)
        .all(
            List.of(
                Product.of("A", "Apple", "1.00"),
                Product.of("B", "Banana", "2.00"),
                Product.of("C", "Cherry", "3.00")))
        .then()
        .block();
    Long copied =
        db().insertInto(ProductArchive.class)
            .columns(ProductArchive_.SKU, ProductArchive_.PRICE)
            .select(
                db().select(Product_.SKU, Product_.PRICE)
                    .where(Product_.PRICE.ge(new BigDecimal("2.00"))))
            .block();
    assertThat(copied).isEqualTo(2L);
    assertThat(
            db().sql("SELECT sku FROM store_product_archive ORDER BY sku")
                .all(String.class)
                .collectList()
                .block())
        .containsExactly("B", "C");
  }

  @Test
  void bulkUpdateWithAnExpressionReturnsTheCount() {
    db().upsertInto(Product.class)
        .onConflict(Product_.SKU)
        .all(List.of(Product.of("A", "Apple", "1.00"), Product.of("B", "Banana", "2.00")))
        .then()
        .block();
    Long changed =
        db().update(Product.class)
            .set(Product_.PRICE, Product_.PRICE.times(new BigDecimal("1.10")))
            .where(Product_.SKU.eq("B"))
            .execute()
            .block();
    assertThat(changed).isEqualTo(1L);
    assertThat(stored().get("B").price()).isEqualByComparingTo("2.20");
    assertThat(stored().get("A").price()).isEqualByComparingTo("1.00");
  }

  /**
   * UPDATE … RETURNING and DELETE … RETURNING mapped to entities (issue #12): one statement each.
   */
  @Test
  void updateAndDeleteReturnTheRowsTheyChanged() {
    db().insertAll(
            List.of(
                Product.of("A", "Apple", "1.00"),
                Product.of("B", "Banana", "2.00"),
                Product.of("C", "Cherry", "3.00")))
        .then()
        .block();
    List<Product> raised =
        db().update(Product.class)
            .set(Product_.PRICE, Product_.PRICE.times(new BigDecimal("2")))
            .where(Product_.SKU.in(List.of("A", "B")))
            .returning()
            .collectList()
            .block();
    assertThat(raised).extracting(Product::sku).containsExactlyInAnyOrder("A", "B");
    assertThat(raised)
        .extracting(p -> p.price().stripTrailingZeros().toPlainString())
        .containsExactlyInAnyOrder("2", "4");
    assertThat(raised).allSatisfy(p -> assertThat(p.id()).isNotNull());

    List<Product> removed =
        db().delete(Product.class)
            .where(Product_.PRICE.gt(new BigDecimal("3.50")))
            .returning()
            .collectList()
            .block();
    assertThat(removed).extracting(Product::sku).containsExactly("B");
    assertThat(removed.get(0).price()).isEqualByComparingTo("4.00");
    assertThat(stored()).containsOnlyKeys("A", "C");

    StepVerifier.create(db().delete(Product.class).returning())
        .expectError(IllegalStateException.class)
        .verify();
    StepVerifier.create(db().update(Product.class).set(Product_.NAME, "x").returning())
        .expectError(IllegalStateException.class)
        .verify();
  }
}
