package io.r2orm.spring.internal;

import io.r2orm.r2dbc.StatementEvent;
import io.r2orm.r2dbc.StatementListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs each statement's SQL, duration and outcome at INFO ({@code r2orm.log-sql=true}); values are
 * never logged.
 */
public final class SqlLoggingListener implements StatementListener {
  private static final Logger LOG = LoggerFactory.getLogger("io.r2orm.sql");

  @Override
  public void onStatement(StatementEvent event) {
    LOG.info("{} ms {} {}", event.elapsed().toMillis(), event.outcome(), event.sql());
  }
}
