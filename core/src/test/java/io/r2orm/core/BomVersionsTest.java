package io.r2orm.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The bill of materials (bom/pom.xml) pins the versions r2orm is built with; it has no parent, so
 * its version properties are written twice. This keeps them equal to the parent pom's.
 */
class BomVersionsTest {
  private static final Pattern PROPERTY = Pattern.compile("<([a-z0-9.-]+\\.version)>([^<]+)</\\1>");

  private static Map<String, String> properties(Path pom) throws Exception {
    Matcher m = PROPERTY.matcher(Files.readString(pom));
    Map<String, String> found = new java.util.TreeMap<>();
    while (m.find()) {
      found.putIfAbsent(m.group(1), m.group(2).trim());
    }
    return found;
  }

  @Test
  void theBomPinsTheVersionsTheBuildUses() throws Exception {
    Map<String, String> bom = properties(Path.of("../bom/pom.xml"));
    Map<String, String> parent = properties(Path.of("../pom.xml"));
    assertThat(bom)
        .containsKeys(
            "reactor-netty.version", "netty.version", "reactor-pool.version", "r2dbc-pool.version");
    Map<String, String> differing =
        bom.entrySet().stream()
            .filter(e -> !e.getValue().equals(parent.get(e.getKey())))
            .collect(
                Collectors.toMap(
                    Map.Entry::getKey,
                    e -> e.getValue() + " (parent: " + parent.get(e.getKey()) + ")"));
    assertThat(differing).as("bom/pom.xml properties that differ from the parent pom's").isEmpty();
  }
}
