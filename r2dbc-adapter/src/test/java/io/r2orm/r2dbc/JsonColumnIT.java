package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.r2dbc.realschema.Payment;
import io.r2orm.r2dbc.realschema.Payment_;
import io.r2orm.r2dbc.test.DatabaseTest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A JSON column mapped as a String with {@code @Column(type = "jsonb")} (issue #12): stored as a
 * JSON document, not as a JSON string literal, and read back as its text; every escape survives.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class JsonColumnIT extends DatabaseTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  @BeforeEach
  void table() {
    testDatabase().sql("DROP TABLE IF EXISTS realschema_payment");
    db().schema().create(Payment.class).block(WAIT);
  }

  @Test
  void storesADocumentAndReadsItBack() {
    String doc =
        "{\"amount\": 12.5, \"note\": \"a \\\"quoted\\\" \\\\ back\\\\slash, \\u00e9 and \\n newline\", \"tags\": [\"x\", null]}";
    Payment stored = db().insert(Payment.of(doc)).block(WAIT);
    List<Payment> all =
        db().insertAll(List.of(Payment.of("[1, 2]"), Payment.of("{}"))).collectList().block(WAIT);
    // the database holds an object (not a string): its JSON type says so
    String type =
        kind == io.r2orm.r2dbc.test.TestDatabase.Kind.POSTGRES
            ? testDatabase()
                .queryOne(
                    "SELECT jsonb_typeof(details) FROM realschema_payment WHERE id = "
                        + stored.id(),
                    String.class)
            : testDatabase()
                .queryOne(
                    "SELECT CASE WHEN details IS JSON OBJECT THEN 'object' ELSE 'other' END"
                        + " FROM realschema_payment WHERE id = "
                        + stored.id(),
                    String.class);
    assertThat(type).isEqualTo("object");
    String read = db().findById(Payment.class, stored.id()).block(WAIT).details();
    assertThat(read).contains("\"amount\"").contains("12.5").contains("\\\"quoted\\\"");
    assertThat(db().findById(Payment.class, all.get(0).id()).block(WAIT).details().replace(" ", ""))
        .isEqualTo("[1,2]");
    // updated and compared as a document
    db().update(Payment.class)
        .set(Payment_.DETAILS, "{\"amount\": 1}")
        .where(Payment_.ID.eq(stored.id()))
        .execute()
        .block(WAIT);
    assertThat(
            db().select(Payment.class)
                .where(Payment_.DETAILS.eq("{\"amount\": 1}"))
                .count()
                .block(WAIT))
        .isEqualTo(1L);
  }

  /** Paths and containment on PostgreSQL; on H2 a clear error before anything is sent. */
  @Test
  void pathsAndContainmentFindRowsOnPostgresAndAreRefusedOnH2() {
    db().insertAll(
            List.of(
                Payment.of(
                    "{\"card\": {\"brand\": \"visa\", \"last4\": \"4242\"}, \"tags\": [\"a\", \"it's\"]}"),
                Payment.of(
                    "{\"card\": {\"brand\": \"amex\"}, \"note\": \"x'); DROP TABLE realschema_payment; --\"}"),
                Payment.of("[1, 2, 3]")))
        .blockLast(WAIT);
    io.r2orm.core.query.Predicate visa =
        io.r2orm.core.query.Functions.jsonText(Payment_.DETAILS, "card", "brand").eq("visa");
    if (kind != io.r2orm.r2dbc.test.TestDatabase.Kind.POSTGRES) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> db().select(Payment.class).where(visa).count().block(WAIT))
          .isInstanceOf(io.r2orm.core.exception.UnsupportedFeatureException.class)
          .hasMessageContaining("JSON paths");
      return;
    }
    assertThat(db().select(Payment.class).where(visa).count().block(WAIT)).isEqualTo(1L);
    assertThat(
            db().select(Payment.class)
                .where(
                    io.r2orm.core.query.Functions.jsonText(Payment_.DETAILS, "tags", "1")
                        .eq("it's"))
                .count()
                .block(WAIT))
        .isEqualTo(1L);
    assertThat(
            db().select(Payment.class)
                .where(
                    io.r2orm.core.query.Functions.jsonText(Payment_.DETAILS, "note")
                        .like("%DROP TABLE%"))
                .count()
                .block(WAIT))
        .isEqualTo(1L);
    assertThat(
            db().select(Payment.class)
                .where(io.r2orm.core.query.Functions.jsonText(Payment_.DETAILS, "missing").isNull())
                .count()
                .block(WAIT))
        .isEqualTo(3L);
    assertThat(
            db().select(Payment.class)
                .where(
                    io.r2orm.core.query.Functions.jsonContains(
                        Payment_.DETAILS, "{\"card\": {\"brand\": \"amex\"}}"))
                .count()
                .block(WAIT))
        .isEqualTo(1L);
    assertThat(
            db().select(Payment.class)
                .where(io.r2orm.core.query.Functions.jsonContains(Payment_.DETAILS, "[2]"))
                .count()
                .block(WAIT))
        .isEqualTo(1L);
    // a projection of the path
    assertThat(
            db().select(io.r2orm.core.query.Functions.jsonText(Payment_.DETAILS, "card", "last4"))
                .from(Payment.class)
                .where(visa)
                .one()
                .block(WAIT))
        .isEqualTo("4242");
  }
}
