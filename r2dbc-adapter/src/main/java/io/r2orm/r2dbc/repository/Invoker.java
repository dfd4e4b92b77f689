package io.r2orm.r2dbc.repository;

/** The implementation of one repository method, built once when the repository is created. */
@FunctionalInterface
interface Invoker {
  /**
   * Runs the method.
   *
   * @param proxy the repository instance
   * @param args the arguments, an empty array for none
   */
  Object invoke(Object proxy, Object[] args) throws Throwable;
}
