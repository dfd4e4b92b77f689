package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.r2dbc.model.AllTypes;
import io.r2orm.r2dbc.model.AllTypes.Color;
import io.r2orm.r2dbc.model.AllTypes_;
import io.r2orm.r2dbc.model.Money;
import io.r2orm.r2dbc.test.DatabaseTest;
import io.r2orm.r2dbc.test.TestDatabase;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.test.StepVerifier;

/**
 * Every built-in type is written and read back unchanged, through insert, insertAll (the bulk path)
 * and a query that binds each type as a condition. Time values carry microsecond precision, which
 * both databases store; an {@code OffsetDateTime} comes back as the same instant (PostgreSQL stores
 * timestamptz in UTC and does not keep the offset), so it is written in UTC here.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")
class TypesIT extends DatabaseTest {

  @BeforeEach
  void table() {
    db().schema().drop(AllTypes.class).block();
    db().schema().create(AllTypes.class).block();
  }

  static AllTypes sample(int n) {
    return new AllTypes(
        null,
        "text ünïcødé ' \" \\ " + n,
        true,
        false,
        (byte) -7,
        (byte) 127,
        (short) -300,
        Short.MAX_VALUE,
        Integer.MIN_VALUE,
        42 + n,
        Long.MAX_VALUE,
        -1L,
        1.5f,
        Float.MAX_VALUE,
        Math.PI,
        -0.25d,
        'x',
        'ß',
        new BigDecimal("12345678901234567890.123456789000"),
        new BigDecimal("123456789.125"),
        UUID.fromString("123e4567-e89b-12d3-a456-42661417400" + (n % 10)),
        LocalDate.of(1969, 7, 20),
        LocalTime.of(23, 59, 58, 123_456_000),
        LocalDateTime.of(2024, 2, 29, 12, 30, 15, 999_999_000),
        OffsetDateTime.of(2020, 1, 1, 8, 0, 0, 1_000, ZoneOffset.UTC),
        Instant.parse("2021-03-04T05:06:07.123456Z"),
        new byte[] {0, 1, 2, (byte) 0xff, (byte) n},
        Color.GREEN,
        Color.BLUE,
        new Money(new BigDecimal("19.90"), Currency.getInstance("EUR")));
  }

  static AllTypes nulls() {
    return new AllTypes(
        null, null, false, null, (byte) 0, null, (short) 0, null, 0, null, 0L, null, 0f, null, 0d,
        null, 'a', null, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  @Test
  void everyTypeRoundTripsThroughInsertAndSelect() {
    AllTypes saved = db().insert(sample(1)).block();
    StepVerifier.create(db().findById(AllTypes.class, saved.id()))
        .assertNext(read -> assertSame(read, saved))
        .verifyComplete();
  }

  @Test
  void nullsRoundTripForEveryNullableType() {
    AllTypes saved = db().insert(nulls()).block();
    StepVerifier.create(db().findById(AllTypes.class, saved.id()))
        .assertNext(read -> assertSame(read, saved))
        .verifyComplete();
  }

  @Test
  void everyTypeRoundTripsThroughTheBulkInsert() {
    List<AllTypes> saved =
        db().insertAll(List.of(sample(1), nulls(), sample(2))).collectList().block();
    List<AllTypes> read =
        db().select(AllTypes.class).orderBy(AllTypes_.ID.asc()).all().collectList().block();
    assertThat(read).hasSize(3);
    for (int i = 0; i < 3; i++) {
      assertSame(read.get(i), saved.get(i));
    }
  }

  @Test
  void everyTypeCanBeBoundAsACondition() {
    AllTypes s = db().insert(sample(3)).block();
    db().insert(sample(4)).block();
    var query =
        db().select(AllTypes.class)
            .where(
                AllTypes_.TEXT
                    .eq(s.text())
                    .and(AllTypes_.PRIMITIVE_BOOLEAN.eq(true))
                    .and(AllTypes_.BOXED_BYTE.eq(s.boxedByte()))
                    .and(AllTypes_.PRIMITIVE_BYTE.eq(s.primitiveByte()))
                    .and(AllTypes_.BOXED_SHORT.eq(s.boxedShort()))
                    .and(AllTypes_.BOXED_INT.eq(s.boxedInt()))
                    .and(AllTypes_.PRIMITIVE_LONG.eq(s.primitiveLong()))
                    .and(AllTypes_.PRIMITIVE_FLOAT.eq(s.primitiveFloat()))
                    .and(AllTypes_.PRIMITIVE_DOUBLE.eq(s.primitiveDouble()))
                    .and(AllTypes_.BOXED_CHAR.eq(s.boxedChar()))
                    .and(AllTypes_.FIXED_DECIMAL.eq(s.fixedDecimal()))
                    .and(AllTypes_.UUID.eq(s.uuid()))
                    .and(AllTypes_.LOCAL_DATE.eq(s.localDate()))
                    .and(AllTypes_.LOCAL_TIME.eq(s.localTime()))
                    .and(AllTypes_.LOCAL_DATE_TIME.eq(s.localDateTime()))
                    .and(AllTypes_.OFFSET_DATE_TIME.eq(s.offsetDateTime()))
                    .and(AllTypes_.INSTANT.eq(s.instant()))
                    .and(AllTypes_.COLOR_BY_NAME.eq(Color.GREEN))
                    .and(AllTypes_.COLOR_BY_ORDINAL.in(Color.BLUE, Color.RED))
                    .and(AllTypes_.PRICE.eq(s.price()))
                    .and(AllTypes_.BOXED_INT.in(List.of(s.boxedInt(), 0)))
                    .and(AllTypes_.UUID.in(List.of(s.uuid())))
                    .and(AllTypes_.INSTANT.in(List.of(s.instant()))));
    StepVerifier.create(query.all().map(AllTypes::id)).expectNext(s.id()).verifyComplete();
  }

  @Test
  void offsetDateTimeKeepsTheInstant() {
    OffsetDateTime plusTwo = OffsetDateTime.of(2020, 1, 1, 10, 0, 0, 0, ZoneOffset.ofHours(2));
    AllTypes saved = db().insert(withOffsetDateTime(nulls(), plusTwo)).block();
    AllTypes read = db().findById(AllTypes.class, saved.id()).block();
    assertThat(read.offsetDateTime().toInstant()).isEqualTo(plusTwo.toInstant());
  }

  private static AllTypes withOffsetDateTime(AllTypes t, OffsetDateTime odt) {
    return new AllTypes(
        t.id(),
        t.text(),
        t.primitiveBoolean(),
        t.boxedBoolean(),
        t.primitiveByte(),
        t.boxedByte(),
        t.primitiveShort(),
        t.boxedShort(),
        t.primitiveInt(),
        t.boxedInt(),
        t.primitiveLong(),
        t.boxedLong(),
        t.primitiveFloat(),
        t.boxedFloat(),
        t.primitiveDouble(),
        t.boxedDouble(),
        t.primitiveChar(),
        t.boxedChar(),
        t.decimal(),
        t.fixedDecimal(),
        t.uuid(),
        t.localDate(),
        t.localTime(),
        t.localDateTime(),
        odt,
        t.instant(),
        t.bytes(),
        t.colorByName(),
        t.colorByOrdinal(),
        t.price());
  }

  /**
   * Equal field by field. An unconstrained decimal keeps its scale on PostgreSQL ({@code numeric});
   * H2's {@code DECFLOAT} keeps the value but drops trailing zeros, so there it is compared by
   * value. A decimal with declared precision and scale keeps its scale on both.
   */
  private void assertSame(AllTypes read, AllTypes expected) {
    assertThat(read)
        .usingRecursiveComparison()
        .withEqualsForType((a, b) -> a.toInstant().equals(b.toInstant()), OffsetDateTime.class)
        .ignoringFields("decimal")
        .isEqualTo(expected);
    if (expected.decimal() == null) {
      assertThat(read.decimal()).isNull();
    } else if (kind == TestDatabase.Kind.POSTGRES) {
      assertThat(read.decimal()).isEqualTo(expected.decimal());
    } else {
      assertThat(read.decimal()).isEqualByComparingTo(expected.decimal());
    }
    if (expected.fixedDecimal() != null) {
      assertThat(read.fixedDecimal()).isEqualTo(expected.fixedDecimal());
    }
  }
}
