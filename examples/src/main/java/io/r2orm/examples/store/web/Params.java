package io.r2orm.examples.store.web;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks request parameters; a bad one is an {@link ApiException} with status 400 that says why.
 */
final class Params {
  private Params() {}

  /** The limit, or the default when absent; must lie in {@code 1..max}. */
  static int limit(Integer limit, int defaultLimit, int max) {
    if (limit == null) {
      return defaultLimit;
    }
    if (limit < 1 || limit > max) {
      throw ApiException.badRequest("limit must be between 1 and " + max + ", got " + limit);
    }
    return limit;
  }

  /** A value that must not be negative when present. */
  static Integer notNegative(String name, Integer value) {
    if (value != null && value < 0) {
      throw ApiException.badRequest(name + " must not be negative, got " + value);
    }
    return value;
  }

  /** Text that is absent or blank (null), or at most {@code max} characters. */
  static String text(String name, String value, int max) {
    if (value == null || value.isBlank()) {
      return null;
    }
    if (value.length() > max) {
      throw ApiException.badRequest(
          name + " must be at most " + max + " characters, got " + value.length());
    }
    return value.strip();
  }

  /**
   * The include paths of a comma-separated {@code include} parameter, each one of {@code known}; a
   * nested path brings its parents ({@code albums.tracks} includes {@code albums}).
   */
  static Set<String> includes(String include, List<String> known) {
    Set<String> paths = new LinkedHashSet<>();
    if (include == null) {
      return paths;
    }
    for (String raw : include.split(",", -1)) {
      String path = raw.strip();
      if (path.isEmpty()) {
        continue;
      }
      if (!known.contains(path)) {
        throw ApiException.badRequest(
            "Unknown include path '"
                + shorten(path)
                + "'; known paths: "
                + String.join(", ", known));
      }
      String[] steps = path.split("\\.");
      for (int i = 1; i <= steps.length; i++) {
        paths.add(String.join(".", Arrays.copyOf(steps, i)));
      }
    }
    return paths;
  }

  /** User input echoed in a message, cut to a readable length. */
  static String shorten(String input) {
    return input.length() <= 60 ? input : input.substring(0, 57) + "...";
  }
}
