package io.r2orm.r2dbc.repository;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;

/**
 * Calls {@code default} methods of repository interfaces on the proxy, so that they can use the
 * repository's other methods. The method handle is resolved once, at creation.
 */
final class DefaultMethods {
  private static final MethodType SPREAD =
      MethodType.methodType(Object.class, Object.class, Object[].class);

  private DefaultMethods() {}

  static Invoker invoker(RepositoryContext ctx, Method m) {
    Class<?> declaring = m.getDeclaringClass();
    MethodHandle handle;
    try {
      MethodHandles.Lookup lookup =
          MethodHandles.privateLookupIn(declaring, MethodHandles.lookup());
      handle =
          lookup
              .unreflectSpecial(m, declaring)
              .asFixedArity()
              .asSpreader(Object[].class, m.getParameterCount())
              .asType(SPREAD);
    } catch (IllegalAccessException | RuntimeException e) {
      throw ctx.fail(
          m,
          "the default method cannot be called from r2orm ("
              + e.getMessage()
              + "); if "
              + declaring.getName()
              + " is in a named module, open its package to io.r2orm.r2dbc");
    }
    return (proxy, args) -> handle.invokeExact(proxy, args);
  }
}
