package io.r2orm.core.internal.reflect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConstructorCallTest {

  record Point(int x, String label) {
    Point {
      if ("bad".equals(label)) {
        throw new IllegalArgumentException("label must not be bad");
      }
    }
  }

  static final class Bean {
    private Bean() {}
  }

  public static final class TwoWays {
    public TwoWays(String a, Long b) {}

    public TwoWays(Long a, String b) {}

    public TwoWays(String a) {}
  }

  class Inner {}

  static final class NoDefault {
    NoDefault(int x) {}
  }

  private static IllegalStateException nullAt(int i) {
    return new IllegalStateException("null at " + i);
  }

  @Test
  void callsARecordsCanonicalConstructor() {
    ConstructorCall<Point> call = ConstructorCall.canonical(Point.class);
    assertThat(call.parameterTypes()).containsExactly(int.class, String.class);
    assertThat(call.call(new Object[] {3, "a"}, ConstructorCallTest::nullAt))
        .isEqualTo(new Point(3, "a"));
  }

  @Test
  void refusesNullForAPrimitiveBeforeCalling() {
    ConstructorCall<Point> call = ConstructorCall.canonical(Point.class);
    assertThatThrownBy(() -> call.call(new Object[] {null, "a"}, ConstructorCallTest::nullAt))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("null at 0");
  }

  @Test
  void passesTheConstructorsOwnExceptionThrough() {
    ConstructorCall<Point> call = ConstructorCall.canonical(Point.class);
    assertThatThrownBy(() -> call.call(new Object[] {1, "bad"}, ConstructorCallTest::nullAt))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("label must not be bad");
  }

  @Test
  void usesAPrivateNoArgumentConstructor() {
    assertThat(
            ConstructorCall.noArgument(Bean.class).call(new Object[0], ConstructorCallTest::nullAt))
        .isInstanceOf(Bean.class);
  }

  @Test
  void explainsWhyAClassCannotBeBuiltWithoutArguments() {
    assertThatThrownBy(() -> ConstructorCall.noArgument(Inner.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is an inner class; make it a static nested or top-level class");
    assertThatThrownBy(() -> ConstructorCall.noArgument(NoDefault.class))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("has no no-argument constructor; add one");
  }

  @Test
  void choosesTheOnlyPublicConstructorOfAnArity() {
    ConstructorCall<TwoWays> one = ConstructorCall.ofArity(TwoWays.class, 1);
    assertThat(one.parameterTypes()).containsExactly(String.class);
    assertThatThrownBy(() -> ConstructorCall.ofArity(TwoWays.class, 2))
        .hasMessageContaining("has more than one constructor with 2 parameters");
    assertThatThrownBy(() -> ConstructorCall.ofArity(TwoWays.class, 3))
        .hasMessageContaining("no public constructor takes 3 arguments");
    assertThatThrownBy(() -> ConstructorCall.ofArity(Point.class, 1))
        .hasMessageContaining("no canonical constructor takes 1 arguments");
  }
}
