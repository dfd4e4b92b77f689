package io.r2orm.r2dbc.test;

import reactor.blockhound.BlockHound;
import reactor.blockhound.integration.BlockHoundIntegration;

/**
 * Netty 4.2's adaptive buffer allocator guards a shared magazine with a {@code StampedLock}; when
 * two event loops meet there, one parks for a moment. That is synchronisation, not blocking I/O,
 * but Netty's own BlockHound integration does not list it yet, and the error BlockHound throws
 * inside the event loop breaks the PostgreSQL connection (seen as "An I/O error occurred" in
 * CancelIT and CancellationStressIT under load). The same exception is made by other Netty users.
 */
public final class NettyAllocatorBlockHoundIntegration implements BlockHoundIntegration {
  @Override
  public void applyTo(BlockHound.Builder builder) {
    builder.allowBlockingCallsInside("io.netty.buffer.AdaptivePoolingAllocator$Magazine", "free");
  }
}
