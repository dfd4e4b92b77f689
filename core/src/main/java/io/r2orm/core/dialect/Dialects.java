package io.r2orm.core.dialect;

import java.util.Locale;
import java.util.Optional;

/** Finds the dialect for a database product name as drivers report it. */
public final class Dialects {
  private Dialects() {}

  /** The dialect for a product name such as {@code PostgreSQL} or {@code H2}, if r2orm has one. */
  public static Optional<Dialect> forProductName(String productName) {
    String name = productName == null ? "" : productName.toLowerCase(Locale.ROOT);
    if (name.contains("postgres")) {
      return Optional.of(PostgresDialect.INSTANCE);
    }
    if (name.contains("h2")) {
      return Optional.of(H2Dialect.INSTANCE);
    }
    return Optional.empty();
  }
}
