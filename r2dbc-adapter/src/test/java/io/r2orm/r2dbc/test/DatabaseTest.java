package io.r2orm.r2dbc.test;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.r2dbc.Database;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;

/**
 * Base of the integration tests that run once per database. A subclass is annotated
 * {@code @ParameterizedClass @MethodSource("io.r2orm.r2dbc.test.DatabaseTest#databases")}; each
 * invocation gets a fresh schema (PostgreSQL) or in-memory database (H2), dropped afterwards. After
 * each test the pool must have every connection back.
 */
public abstract class DatabaseTest {
  private static TestDatabase current;

  @Parameter protected TestDatabase.Kind kind;

  /**
   * The databases to run on. PostgreSQL can be switched off with {@code
   * -Dr2orm.test.postgres=false}.
   */
  public static Stream<TestDatabase.Kind> databases() {
    return Stream.of(TestDatabase.Kind.POSTGRES, TestDatabase.Kind.H2);
  }

  @BeforeParameterizedClassInvocation
  static void openDatabase(TestDatabase.Kind kind, org.junit.jupiter.api.TestInfo info) {
    if (kind == TestDatabase.Kind.POSTGRES) {
      Assumptions.assumeFalse(
          "false".equals(System.getProperty("r2orm.test.postgres")),
          "PostgreSQL tests switched off with -Dr2orm.test.postgres=false");
    }
    current = TestDatabase.open(kind, info.getTestClass().map(Class::getSimpleName).orElse("test"));
    System.out.println(
        "Running "
            + info.getTestClass().map(Class::getSimpleName).orElse("test")
            + " on "
            + kind
            + " ("
            + current.name()
            + ")");
  }

  @AfterParameterizedClassInvocation
  static void closeDatabase() {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  @AfterEach
  void everyConnectionReturned() {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (testDatabase().acquiredConnections() > 0 && System.nanoTime() < deadline) {
      sleep();
    }
    assertThat(testDatabase().acquiredConnections())
        .as("connections not returned to the pool")
        .isZero();
  }

  private static void sleep() {
    try {
      Thread.sleep(10);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The database of the current invocation. */
  protected static TestDatabase testDatabase() {
    return current;
  }

  /** The r2orm entry point of the current invocation. */
  protected static Database db() {
    return current.db();
  }
}
