package io.r2orm.examples.store.data;

import java.util.List;
import java.util.Random;

/** Word lists and the deterministic names made from them for the sample data. */
final class Names {
  static final List<String> GENRES =
      List.of(
          "Rock",
          "Jazz",
          "Metal",
          "Alternative",
          "Blues",
          "Latin",
          "Reggae",
          "Pop",
          "Classical",
          "Electronica",
          "Soundtrack",
          "Hip Hop",
          "Opera");
  private static final List<String> ADJECTIVES =
      List.of(
          "Electric",
          "Silent",
          "Velvet",
          "Golden",
          "Broken",
          "Midnight",
          "Crimson",
          "Wild",
          "Hollow",
          "Neon",
          "Paper",
          "Iron",
          "Lucky",
          "Blue",
          "Restless",
          "Secret",
          "Northern",
          "Wandering",
          "Static",
          "Burning");
  private static final List<String> NOUNS =
      List.of(
          "Fox",
          "River",
          "Engine",
          "Garden",
          "Signal",
          "Harbor",
          "Comet",
          "Mirror",
          "Lantern",
          "Canyon",
          "Echo",
          "Orchard",
          "Tide",
          "Falcon",
          "Station",
          "Meadow",
          "Ghost",
          "Anchor",
          "Circus",
          "Satellite");
  private static final List<String> PLACES =
      List.of(
          "Lisbon",
          "the Valley",
          "Memphis",
          "the North",
          "Kyoto",
          "the Coast",
          "Berlin",
          "Nowhere",
          "the City",
          "Avalon",
          "Havana",
          "the Desert");
  private static final List<String> VERBS =
      List.of(
          "Dancing",
          "Waiting",
          "Running",
          "Falling",
          "Dreaming",
          "Burning",
          "Drifting",
          "Calling",
          "Shining",
          "Breaking",
          "Holding",
          "Chasing");
  private static final List<String> FIRST =
      List.of(
          "Ana", "Ben", "Chloe", "Diego", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
          "Lars", "Maya", "Nikos", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tomas");
  private static final List<String> LAST =
      List.of(
          "Almeida",
          "Brown",
          "Costa",
          "Dubois",
          "Eriksen",
          "Fischer",
          "Garcia",
          "Hansen",
          "Ito",
          "Jensen",
          "Kowalski",
          "Lopez",
          "Müller",
          "Novak",
          "Okafor",
          "Petrov",
          "Rossi",
          "Silva",
          "Tanaka",
          "Weber");
  static final List<String> COUNTRIES =
      List.of("PT", "US", "DE", "FR", "BR", "JP", "NO", "IT", "GB", "IN");

  private Names() {}

  static String artist(Random random) {
    return random.nextInt(4) == 0
        ? pick(random, FIRST) + " " + pick(random, LAST)
        : "The " + pick(random, ADJECTIVES) + " " + pick(random, NOUNS) + "s";
  }

  static String album(Random random) {
    return random.nextBoolean()
        ? pick(random, NOUNS) + "s of " + pick(random, PLACES)
        : pick(random, ADJECTIVES) + " " + pick(random, NOUNS);
  }

  static String track(Random random) {
    switch (random.nextInt(3)) {
      case 0:
        return pick(random, VERBS) + " in " + pick(random, PLACES);
      case 1:
        return pick(random, VERBS) + " " + pick(random, ADJECTIVES) + " " + pick(random, NOUNS);
      default:
        return "The " + pick(random, NOUNS) + " Song";
    }
  }

  static String playlist(Random random, int number) {
    return pick(random, ADJECTIVES) + " " + pick(random, VERBS) + " Mix #" + number;
  }

  static String[] person(Random random) {
    return new String[] {pick(random, FIRST), pick(random, LAST)};
  }

  static <T> T pick(Random random, List<T> list) {
    return list.get(random.nextInt(list.size()));
  }
}
