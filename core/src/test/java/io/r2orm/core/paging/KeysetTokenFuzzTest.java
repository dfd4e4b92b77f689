package io.r2orm.core.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.exception.InvalidPageTokenException;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.metadata.EntityModels;
import io.r2orm.core.query.Order;
import io.r2orm.core.query.PropertyRef;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A page token is client input (issue #14): random and mutated page tokens, 20,000 of them, either
 * decode to a condition or fail with InvalidPageTokenException — never another exception, which an
 * application would answer with a 500.
 */
class KeysetTokenFuzzTest {
  @Table("fuzz_row")
  record Row(
      @Id Long id, String name, BigDecimal price, OffsetDateTime at, UUID ref, Integer rank) {}

  private static final EntityModel<Row> MODEL = EntityModels.create().of(Row.class);
  private static final Keyset KEYSET =
      Keyset.of(
          MODEL,
          List.of(
              new Order(
                  new PropertyRef(Row.class, "name"), Order.Direction.ASC, Order.Nulls.DEFAULT),
              new Order(
                  new PropertyRef(Row.class, "price"), Order.Direction.DESC, Order.Nulls.DEFAULT),
              new Order(new PropertyRef(Row.class, "at"), Order.Direction.ASC, Order.Nulls.DEFAULT),
              new Order(
                  new PropertyRef(Row.class, "ref"), Order.Direction.ASC, Order.Nulls.DEFAULT),
              new Order(
                  new PropertyRef(Row.class, "rank"), Order.Direction.DESC, Order.Nulls.FIRST)));

  @Test
  void theForgedCursorOfTheIssueIsAnInvalidCursor() {
    assertThatThrownBy(() -> KEYSET.after("azE6NmVlNjNiNwo9MjE0NzQ4MzY0Nzp4"))
        .isInstanceOf(InvalidPageTokenException.class);
    assertThatThrownBy(() -> KEYSET.after(null)).isInstanceOf(InvalidPageTokenException.class);
    String head =
        new String(
                Base64.getUrlDecoder().decode(KEYSET.tokenAfter(sample(new Random(1)))),
                StandardCharsets.UTF_8)
            .split("\n")[0];
    // a length near Integer.MAX_VALUE overflowed colon + 1 + length
    String forged =
        Base64.getUrlEncoder()
            .encodeToString((head + "\n=2147483647:x").getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> KEYSET.after(forged)).isInstanceOf(InvalidPageTokenException.class);
  }

  @Test
  void twentyThousandRandomAndMutatedCursorsDecodeOrFailAsInvalidCursors() {
    Random random = new Random(20261203);
    int decoded = 0;
    int invalid = 0;
    for (int i = 0; i < 20_000; i++) {
      String token =
          i % 4 == 0 ? randomText(random) : mutate(KEYSET.tokenAfter(sample(random)), random);
      try {
        assertThat(KEYSET.after(token)).isNotNull();
        decoded++;
      } catch (InvalidPageTokenException e) {
        invalid++;
      } catch (RuntimeException e) {
        throw new AssertionError("page token " + token + " failed with " + e, e);
      }
    }
    assertThat(invalid).as("malformed page tokens found").isGreaterThan(1_000);
    assertThat(decoded + invalid).isEqualTo(20_000);
  }

  @Test
  void anUnchangedCursorDecodes() {
    Random random = new Random(3);
    for (int i = 0; i < 1_000; i++) {
      assertThat(KEYSET.after(KEYSET.tokenAfter(sample(random)))).isNotNull();
    }
  }

  private static Row sample(Random random) {
    return new Row(
        (long) random.nextInt(),
        random.nextInt(5) == 0 ? null : "n\n=" + random.nextInt(1000) + ":" + "é",
        random.nextBoolean() ? null : new BigDecimal(random.nextInt(100_000)).movePointLeft(2),
        random.nextBoolean()
            ? null
            : OffsetDateTime.parse("2026-12-03T10:00:00Z").plusSeconds(random.nextInt()),
        random.nextBoolean() ? null : new UUID(random.nextLong(), random.nextLong()),
        random.nextBoolean() ? null : random.nextInt());
  }

  private static String randomText(Random random) {
    byte[] bytes = new byte[random.nextInt(80)];
    random.nextBytes(bytes);
    return random.nextBoolean()
        ? Base64.getUrlEncoder().encodeToString(bytes)
        : new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** Flips, inserts or deletes bytes of the decoded text (and sometimes of the base64 itself). */
  private static String mutate(String token, Random random) {
    if (random.nextInt(5) == 0) {
      StringBuilder b = new StringBuilder(token);
      int at = random.nextInt(b.length());
      b.setCharAt(at, (char) ('!' + random.nextInt(90)));
      return b.toString();
    }
    List<Byte> bytes = new ArrayList<>();
    for (byte x : Base64.getUrlDecoder().decode(token)) {
      bytes.add(x);
    }
    int edits = 1 + random.nextInt(3);
    for (int e = 0; e < edits && !bytes.isEmpty(); e++) {
      int at = random.nextInt(bytes.size());
      byte[] interesting = {'\n', '=', ':', '~', '-', '9', '0', (byte) 0xff, 0};
      switch (random.nextInt(4)) {
        case 0 -> bytes.set(at, interesting[random.nextInt(interesting.length)]);
        case 1 -> bytes.remove(at);
        case 2 -> bytes.add(at, interesting[random.nextInt(interesting.length)]);
        default -> {
          String digits =
              String.valueOf(
                  random.nextBoolean()
                      ? Integer.MAX_VALUE - random.nextInt(10)
                      : random.nextInt(100));
          for (int d = digits.length() - 1; d >= 0; d--) {
            bytes.add(at, (byte) digits.charAt(d));
          }
        }
      }
    }
    byte[] out = new byte[bytes.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = bytes.get(i);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
  }
}
