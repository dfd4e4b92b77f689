package io.r2orm.r2dbc.repository;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.util.Map;

/** Dispatches each call on a repository proxy to the method's prepared {@link Invoker}. */
final class RepositoryHandler implements InvocationHandler {
  private static final Object[] NO_ARGS = new Object[0];

  private final Map<Method, Invoker> invokers;

  RepositoryHandler(Map<Method, Invoker> invokers) {
    this.invokers = Map.copyOf(invokers);
  }

  @Override
  public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
    Invoker invoker = invokers.get(method);
    if (invoker == null) {
      throw new IllegalStateException("no implementation of " + method + " in this repository");
    }
    return invoker.invoke(proxy, args == null ? NO_ARGS : args);
  }
}
