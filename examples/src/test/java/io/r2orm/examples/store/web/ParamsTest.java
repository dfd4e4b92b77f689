package io.r2orm.examples.store.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

/** Request parameter checks: what passes, and the 400 messages of what does not. */
class ParamsTest {
  private static final List<String> KNOWN = List.of("albums", "albums.tracks");

  @Test
  void nestedIncludeBringsItsParentsAndBlanksAreIgnored() {
    assertThat(Params.includes(null, KNOWN)).isEmpty();
    assertThat(Params.includes(" , ", KNOWN)).isEmpty();
    assertThat(Params.includes("albums.tracks", KNOWN)).containsExactly("albums", "albums.tracks");
    assertThat(Params.includes("albums, albums.tracks,albums", KNOWN))
        .containsExactly("albums", "albums.tracks");
  }

  @Test
  void unknownIncludeIsA400NamingTheKnownPathsAndShortenedInput() {
    assertThatThrownBy(() -> Params.includes("albums,Albums", KNOWN))
        .isInstanceOfSatisfying(
            ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.BAD_REQUEST))
        .hasMessage("Unknown include path 'Albums'; known paths: albums, albums.tracks");
    assertThatThrownBy(() -> Params.includes("x".repeat(500), KNOWN))
        .hasMessageContaining("x".repeat(57) + "...'")
        .hasMessageNotContaining("x".repeat(61));
  }

  @Test
  void limitDefaultsAndMustLieInRange() {
    assertThat(Params.limit(null, 20, 100)).isEqualTo(20);
    assertThat(Params.limit(1, 20, 100)).isEqualTo(1);
    assertThat(Params.limit(100, 20, 100)).isEqualTo(100);
    assertThatThrownBy(() -> Params.limit(0, 20, 100))
        .hasMessage("limit must be between 1 and 100, got 0");
    assertThatThrownBy(() -> Params.limit(101, 20, 100))
        .hasMessage("limit must be between 1 and 100, got 101");
    assertThatThrownBy(() -> Params.limit(-5, 20, 100)).isInstanceOf(ApiException.class);
  }

  @Test
  void textIsTrimmedBlankIsAbsentAndLengthIsBounded() {
    assertThat(Params.text("q", "  love ", 10)).isEqualTo("love");
    assertThat(Params.text("q", "   ", 10)).isNull();
    assertThatThrownBy(() -> Params.text("q", "x".repeat(11), 10))
        .hasMessage("q must be at most 10 characters, got 11");
    assertThat(Params.notNegative("minMillis", 0)).isZero();
    assertThatThrownBy(() -> Params.notNegative("minMillis", -1))
        .hasMessage("minMillis must not be negative, got -1");
  }
}
