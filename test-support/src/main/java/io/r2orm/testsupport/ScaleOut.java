package io.r2orm.testsupport;

import java.util.Optional;

/**
 * The extra servers of the scale-out tests, started by {@code .ci/run} (see {@code
 * .ci/scale-out/README.md}): a primary with a streaming replica, and PgBouncer in transaction mode
 * in two configurations. Each is an R2DBC URL in an environment variable. On a developer machine
 * without it the tests are skipped; in CI ({@code CI=true}) a missing URL is an error, so that a
 * broken set-up cannot pass as skipped tests.
 */
public final class ScaleOut {
  /** The primary that the replica follows. */
  public static final String REPLICA_PRIMARY_URL = "R2ORM_TEST_REPLICA_PRIMARY_URL";

  /** The hot standby streaming from {@link #REPLICA_PRIMARY_URL}. */
  public static final String REPLICA_URL = "R2ORM_TEST_REPLICA_URL";

  /** PgBouncer 1.18 in transaction mode, the driver's statement cache off in the URL. */
  public static final String PGBOUNCER_URL = "R2ORM_TEST_PGBOUNCER_URL";

  /** PgBouncer 1.21 or later in transaction mode with {@code max_prepared_statements}. */
  public static final String PGBOUNCER_PREPARED_URL = "R2ORM_TEST_PGBOUNCER_PREPARED_URL";

  private ScaleOut() {}

  /**
   * The URL in this environment variable; empty when it is unset outside CI.
   *
   * @throws IllegalStateException when it is unset and {@code CI=true}
   */
  public static Optional<String> url(String variable) {
    String value = System.getenv(variable);
    if (value != null && !value.isBlank()) {
      return Optional.of(value);
    }
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      throw new IllegalStateException(
          variable
              + " is not set, and CI=true: .ci/run starts the scale-out servers and "
              + "exports it (see .ci/scale-out/README.md); a CI run must not skip these tests");
    }
    return Optional.empty();
  }
}
