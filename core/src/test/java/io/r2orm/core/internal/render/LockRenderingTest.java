package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.Fixtures.ID;
import static io.r2orm.core.internal.render.Fixtures.SELECT_BOOK;
import static io.r2orm.core.internal.render.Golden.H2;
import static io.r2orm.core.internal.render.Golden.POSTGRES;
import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOn;
import static io.r2orm.core.internal.render.Golden.rendersOnBoth;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.exception.UnsupportedFeatureException;
import io.r2orm.core.query.Lock;
import io.r2orm.core.query.Select;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Row locks end the select, after limit and offset. */
class LockRenderingTest {
  private static Select locked(Lock lock) {
    return Select.from(Fixtures.Book.class).where(ID.eq(1L)).withLimit(5L).withLock(lock);
  }

  @Test
  void forUpdateWithEveryWaitPolicyOnBothDatabases() {
    rendersOnBoth(
        r -> r.select(locked(Lock.forUpdate())),
        SELECT_BOOK + " WHERE id = $1 LIMIT $2 FOR UPDATE",
        bind(1L, Long.class),
        bind(5L, Long.class));
    rendersOnBoth(
        r -> r.select(locked(Lock.forUpdate().noWait())),
        SELECT_BOOK + " WHERE id = $1 LIMIT $2 FOR UPDATE NOWAIT",
        bind(1L, Long.class),
        bind(5L, Long.class));
    rendersOnBoth(
        r -> r.select(locked(Lock.forUpdate().skipLocked())),
        SELECT_BOOK + " WHERE id = $1 LIMIT $2 FOR UPDATE SKIP LOCKED",
        bind(1L, Long.class),
        bind(5L, Long.class));
  }

  @Test
  void forShareOnPostgresAndAClearErrorOnH2() {
    rendersOn(
        POSTGRES,
        r -> r.select(locked(Lock.forShare().skipLocked())),
        SELECT_BOOK + " WHERE id = $1 LIMIT $2 FOR SHARE SKIP LOCKED",
        bind(1L, Long.class),
        bind(5L, Long.class));
    assertThatThrownBy(() -> H2.select(locked(Lock.forShare())))
        .isInstanceOf(UnsupportedFeatureException.class)
        .hasMessage("The H2 dialect does not support FOR SHARE (use FOR UPDATE)");
  }

  @Test
  void countAndExistsDoNotLock() {
    rendersOnBoth(
        r -> r.count(Select.from(Fixtures.Book.class).withLock(Lock.forUpdate())),
        "SELECT COUNT(*) FROM book");
  }

  @Test
  void aLockingSelectCannotJoin() {
    assertThatThrownBy(
            () -> new FetchRenderer(POSTGRES).selectJoined(locked(Lock.forUpdate()), List.of()))
        .isInstanceOf(QueryBuildException.class)
        .hasMessageContaining("cannot join");
  }
}
