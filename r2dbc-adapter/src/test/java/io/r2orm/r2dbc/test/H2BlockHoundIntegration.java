package io.r2orm.r2dbc.test;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * H2 is an embedded, blocking database: r2dbc-h2 runs each statement synchronously on whichever
 * thread subscribes — also a Reactor thread that just gave a connection back to the pool — and H2
 * may read files there (its message bundle, the random source for new tables). Blocking inside H2's
 * statement execution is therefore allowed; everything outside it, r2orm's own code and the
 * PostgreSQL path included, still fails the test when it blocks a Reactor or Netty thread.
 */
public final class H2BlockHoundIntegration implements BlockHoundIntegration {
  @Override
  public void applyTo(BlockHound.Builder builder) {
    builder.allowBlockingCallsInside("org.h2.util.Utils", "loadResource");
    builder.allowBlockingCallsInside("org.h2.command.Command", "executeUpdate");
    builder.allowBlockingCallsInside("org.h2.command.Command", "executeQuery");
  }
}
