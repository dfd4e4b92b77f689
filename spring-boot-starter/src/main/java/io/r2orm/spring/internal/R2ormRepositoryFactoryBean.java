package io.r2orm.spring.internal;

import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.repository.ReactiveRepository;
import io.r2orm.r2dbc.repository.Repositories;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.SmartFactoryBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.util.ClassUtils;

/**
 * Creates one repository bean from its interface with {@link Repositories#create}; every derived
 * query is checked at start-up, so a misspelt property fails the application context with the
 * method and the known properties.
 *
 * @param <R> the repository interface
 */
public class R2ormRepositoryFactoryBean<R extends ReactiveRepository<?, ?>>
    implements SmartFactoryBean<R>, InitializingBean {
  private final Class<R> repositoryInterface;
  private Database database;
  private @Nullable R repository;

  @SuppressWarnings("unchecked")
  public R2ormRepositoryFactoryBean(String repositoryInterface) throws ClassNotFoundException {
    this.repositoryInterface =
        (Class<R>) ClassUtils.forName(repositoryInterface, getClass().getClassLoader());
  }

  @Autowired
  public void setDatabase(Database database) {
    this.database = database;
  }

  /**
   * Creates the repository at start-up, so that an ill-formed method fails the application context.
   */
  @Override
  public void afterPropertiesSet() {
    repository = Repositories.create(database, repositoryInterface);
  }

  @Override
  public R getObject() {
    return Objects.requireNonNull(repository, "the repository is made in afterPropertiesSet");
  }

  @Override
  public boolean isEagerInit() {
    return true;
  }

  @Override
  public Class<?> getObjectType() {
    return repositoryInterface;
  }
}
