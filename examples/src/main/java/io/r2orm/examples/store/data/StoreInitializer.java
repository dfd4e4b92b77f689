package io.r2orm.examples.store.data;

import io.r2orm.examples.store.MusicStoreProperties;
import io.r2orm.r2dbc.Database;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Prepares the database when the application context is built, before the web server accepts
 * requests: creates the database schema if configured, then (with {@code music-store.reset}, the
 * default) drops and recreates the tables and generates the sample data; otherwise only creates
 * missing tables. Blocking here is deliberate: it runs once, on the main thread, at start-up.
 */
@Component
public class StoreInitializer implements SmartInitializingSingleton {
  private static final Logger LOG = LoggerFactory.getLogger(StoreInitializer.class);
  private static final Duration START_UP_LIMIT = Duration.ofMinutes(5);

  private final Database db;
  private final MusicStoreProperties properties;

  public StoreInitializer(Database db, MusicStoreProperties properties) {
    this.db = db;
    this.properties = properties;
  }

  @Override
  public void afterSingletonsInstantiated() {
    long start = System.nanoTime();
    StoreSchema schema = new StoreSchema(db);
    Mono<Void> databaseSchema =
        properties.getDatabaseSchema() == null || properties.getDatabaseSchema().isBlank()
            ? Mono.empty()
            : schema.createDatabaseSchema(properties.getDatabaseSchema());
    if (properties.isReset()) {
      SampleData.Summary summary =
          databaseSchema
              .then(schema.recreate())
              .then(new SampleData(db, properties.getData()).generate())
              .block(START_UP_LIMIT);
      LOG.info(
          "Music store on {}: generated {} in {} ms",
          db.dialect().name(),
          summary,
          (System.nanoTime() - start) / 1_000_000);
    } else {
      databaseSchema.then(schema.create()).block(START_UP_LIMIT);
      LOG.info("Music store on {}: kept the existing data", db.dialect().name());
    }
  }
}
