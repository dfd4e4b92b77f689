package io.r2orm.r2dbc;

/**
 * Service provider interface behind {@link Database#repository}: implements repository interfaces
 * over a database. This package declares it and {@code io.r2orm.r2dbc.repository} provides it
 * (registered in {@code META-INF/services/io.r2orm.r2dbc.RepositoryProvider}), found with {@link
 * java.util.ServiceLoader}: the repository package is built on this one, so this one may not depend
 * on it. Applications neither implement nor call it; they call {@link Database#repository} or
 * {@code Repositories.create}.
 */
public interface RepositoryProvider {
  /**
   * The implementation of a repository interface over this database, every method checked now.
   *
   * @throws IllegalArgumentException when the type is not an interface extending {@code
   *     ReactiveRepository}
   */
  <R> R create(Database db, Class<R> repositoryInterface);
}
