package io.r2orm.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.TransactionOptions;
import io.r2orm.spring.app.ReplicaProbe;
import io.r2orm.spring.app.StarterTestApplication;
import io.r2orm.testsupport.ScaleOut;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.ReactiveTransactionManager;

/**
 * The starter with {@code r2orm.read-replica.url}, against a real primary and hot standby (started
 * by {@code .ci/run}): {@code @Transactional(readOnly = true)} runs on the replica, everything else
 * on the primary.
 */
@EnabledIf("replicaConfigured")
@SpringBootTest(classes = StarterTestApplication.class)
class StarterReplicaIT {
  private static final Duration WAIT = Duration.ofSeconds(20);

  static boolean replicaConfigured() {
    return ScaleOut.url(ScaleOut.REPLICA_PRIMARY_URL).isPresent()
        && ScaleOut.url(ScaleOut.REPLICA_URL).isPresent();
  }

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    registry.add(
        "spring.r2dbc.url", () -> ScaleOut.url(ScaleOut.REPLICA_PRIMARY_URL).orElseThrow());
    registry.add("spring.r2dbc.pool.max-size", () -> "4");
    registry.add("spring.r2dbc.pool.initial-size", () -> "1");
    registry.add("r2orm.read-replica.url", () -> ScaleOut.url(ScaleOut.REPLICA_URL).orElseThrow());
    registry.add("r2orm.read-replica.pool-size", () -> "4");
  }

  @Autowired ReplicaProbe probe;
  @Autowired Database db;
  @Autowired ReactiveTransactionManager transactionManager;
  @Autowired R2ormReadReplica replica;

  @Test
  void readOnlySpringTransactionsRunOnTheReplicaAndEverythingElseOnThePrimary() {
    assertThat(transactionManager).isInstanceOf(ReplicaRoutingTransactionManager.class);
    assertThat(probe.inReadOnlyTransaction().block(WAIT))
        .as("@Transactional(readOnly = true)")
        .isTrue();
    assertThat(probe.inDefaultTransaction().block(WAIT)).as("@Transactional").isFalse();
    assertThat(probe.inReadOnlySerializableTransaction().block(WAIT))
        .as("read-only SERIALIZABLE")
        .isFalse();
    assertThat(db.sql("SELECT pg_is_in_recovery()").one(Boolean.class).block(WAIT))
        .as("outside a transaction")
        .isFalse();
    assertThat(db.onReplica().sql("SELECT pg_is_in_recovery()").one(Boolean.class).block(WAIT))
        .as("onReplica()")
        .isTrue();
    assertThat(
            db.transaction(
                    TransactionOptions.defaults().withReadOnly(true),
                    tx -> tx.sql("SELECT pg_is_in_recovery()").one(Boolean.class))
                .blockLast(WAIT))
        .as("r2orm's read-only transaction")
        .isTrue();
    assertThat(replica.pool().getMetrics().orElseThrow().acquiredSize())
        .as("replica connections lent out")
        .isZero();
  }
}
