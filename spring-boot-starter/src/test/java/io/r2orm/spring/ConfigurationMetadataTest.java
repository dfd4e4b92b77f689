package io.r2orm.spring;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * IDEs complete {@code r2orm.*} from the generated configuration metadata: every property is there,
 * described.
 */
class ConfigurationMetadataTest {

  @Test
  void everyPropertyIsDescribedInTheGeneratedMetadata() throws Exception {
    String json;
    try (InputStream in =
        getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
      assertThat(in).as("spring-configuration-metadata.json on the classpath").isNotNull();
      json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    for (String name :
        new String[] {
          "r2orm.fetch-window",
          "r2orm.fetch-size",
          "r2orm.insert-batch-size",
          "r2orm.naming",
          "r2orm.statement-timeout",
          "r2orm.log-sql",
          "r2orm.binary-results",
          "r2orm.metrics.enabled"
        }) {
      int at = json.indexOf("\"name\": \"" + name + "\"");
      assertThat(at).as(name).isGreaterThanOrEqualTo(0);
      int end = json.indexOf('}', at);
      int start = json.lastIndexOf('{', at);
      assertThat(json.substring(start, end))
          .as(name + " has a description")
          .contains("\"description\"");
    }
  }
}
