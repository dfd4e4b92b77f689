package io.r2orm.r2dbc;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * BlockHound is installed in every test JVM of this module (blockhound-junit-platform), so a
 * blocking call on a Reactor or Netty thread anywhere in the suite fails its test. This proves the
 * guard is really on.
 */
class BlockHoundInstalledTest {

  @Test
  void aBlockingCallOnAReactorThreadFails() {
    assertThatThrownBy(
            () ->
                Mono.fromCallable(
                        () -> {
                          Thread.sleep(1);
                          return 1;
                        })
                    .subscribeOn(Schedulers.parallel())
                    .block())
        .hasMessageContaining("Blocking call");
  }
}
