package io.r2orm.r2dbc.repository;

import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The declared result of a repository method: {@code Mono<X>} or {@code Flux<X>}, with {@code X}
 * resolved against the repository's type arguments.
 *
 * @param type the whole return type, for messages
 * @param flux whether it is a {@code Flux}
 * @param element {@code X}
 */
record ReturnShape(Type type, boolean flux, Type element) {

  /**
   * The shape of a method's result; anything but {@code Mono<X>} or {@code Flux<X>} is an error.
   */
  static ReturnShape of(RepositoryContext ctx, Method m) {
    Type type = ctx.returnType(m);
    Class<?> raw = Types.rawClass(type);
    Type element = Types.argument(type);
    if ((raw != Mono.class && raw != Flux.class) || element == null) {
      throw ctx.fail(
          m,
          "returns "
              + Types.name(type)
              + "; repository methods return Mono<…> or Flux<…>, so that "
              + "nothing blocks and nothing runs before subscription");
    }
    return new ReturnShape(type, raw == Flux.class, element);
  }

  /** Whether the element is exactly this class. */
  boolean is(Class<?> c) {
    return element == c;
  }

  /** The element as a class, or null when it is parameterized, a wildcard or a variable. */
  @Nullable Class<?> elementClass() {
    return element instanceof Class<?> c ? c : null;
  }

  /** Whether this is {@code Mono<Page<c>>}. */
  boolean isPageOf(Class<?> c) {
    return !flux
        && element instanceof ParameterizedType p
        && p.getRawType() == Page.class
        && p.getActualTypeArguments()[0] == c;
  }

  /** {@code Mono<Book>}, {@code Flux<Book>} for messages. */
  String name() {
    return Types.name(type);
  }
}
