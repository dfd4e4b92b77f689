package io.r2orm.core.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.exception.InvalidValueException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Text with an unpaired surrogate is refused before it is sent (issue #14); well-formed text
 * passes.
 */
class WellFormedTextTest {
  @Test
  void anUnpairedSurrogateIsRefusedWithItsPositionNotItsValue() {
    assertThatThrownBy(
            () ->
                new SqlStatement(
                    "INSERT INTO t VALUES ($1, $2)",
                    List.of(new Bind("ok", String.class), new Bind("x\ud800y", String.class))))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("parameter 2")
        .hasMessageContaining("U+D800 at index 1")
        .hasMessageNotContaining("x\ud800y");
    assertThatThrownBy(
            () ->
                new SqlStatement(
                    "SELECT 1 WHERE a = ANY($1)",
                    List.of(new Bind(new String[] {"a", "\udc00"}, String[].class))))
        .isInstanceOf(InvalidValueException.class);
    assertThatThrownBy(
            () -> new SqlStatement("SELECT $1", List.of(new Bind("end\ud83d", String.class))))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("U+D83D at index 3");
  }

  @Test
  void wellFormedTextPasses() {
    assertThat(
            new SqlStatement(
                    "SELECT $1, $2",
                    List.of(
                        new Bind("emoji \ud83c\udfb5 and é", String.class),
                        new Bind(null, String.class)))
                .binds())
        .hasSize(2);
  }
}
