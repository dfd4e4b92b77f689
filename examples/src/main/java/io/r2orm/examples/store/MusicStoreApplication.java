package io.r2orm.examples.store;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/**
 * The music store: a Spring Boot WebFlux application on r2orm. It creates its tables, generates
 * deterministic sample data ({@code music-store.*}) and serves a JSON API under {@code /api}, with
 * {@code /actuator/health} and {@code /actuator/metrics} (r2orm's statement and relation-batch
 * meters among them). Embedded H2 by default; PostgreSQL with the {@code postgres} profile.
 *
 * <pre>
 * ./mvnw -q -pl examples -am compile exec:java
 * curl 'localhost:8080/api/artists?limit=3'
 * </pre>
 */
@SpringBootApplication
@EnableConfigurationProperties(MusicStoreProperties.class)
public class MusicStoreApplication {

  /** Starts the store; it runs until the JVM is stopped (Ctrl-C). */
  public static void main(String[] args) {
    SpringApplication.run(MusicStoreApplication.class, args);
  }
}
