package io.r2orm.r2dbc.repository;

import io.r2orm.core.convert.ValueTypes;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.RepositoryProvider;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Creates repository implementations without any framework: a JDK proxy over a {@link
 * ReactiveRepository} sub-interface. Every method is planned at creation — derived names parsed and
 * checked against the entity, {@link Query} parameters matched, fetch paths resolved, return types
 * checked — so that a mistake fails here, naming the method, rather than at the first call. A call
 * then only dispatches to its prepared plan. Repositories are immutable and thread-safe; create
 * each once and share it.
 *
 * <pre>{@code
 * interface BookRepository extends ReactiveRepository<Book, Long> {
 *   Flux<Book> findByTitleContainingIgnoreCase(String text);
 *   Flux<Book> findFirst10ByAuthorIdOrderByYearDesc(Long authorId);
 * }
 * BookRepository books = Repositories.create(db, BookRepository.class);
 * }</pre>
 */
public final class Repositories {
  private static final Comparator<Method> BY_SIGNATURE =
      Comparator.comparing(Method::getName)
          .thenComparing(m -> Arrays.toString(m.getParameterTypes()));

  private Repositories() {}

  /**
   * The implementation of a repository interface over this database.
   *
   * @throws RepositoryDefinitionException listing every method that cannot be implemented, with the
   *     reason and the fix
   * @throws io.r2orm.core.exception.EntityDefinitionException when the entity cannot be mapped
   */
  public static <R extends ReactiveRepository<?, ?>> R create(
      Database db, Class<R> repositoryInterface) {
    return implement(db, repositoryInterface);
  }

  /**
   * {@link #create} for a type not known at compile time to be a repository ({@link
   * Database#repository}, which cannot name {@link ReactiveRepository}): checked at run time.
   */
  private static <R> R implement(Database db, Class<R> repositoryInterface) {
    Objects.requireNonNull(db, "db must not be null");
    Objects.requireNonNull(repositoryInterface, "repositoryInterface must not be null");
    if (!repositoryInterface.isInterface()) {
      throw new IllegalArgumentException(
          repositoryInterface.getName()
              + " is not an interface; declare the repository "
              + "as an interface extending ReactiveRepository<Entity, Id>");
    }
    if (!ReactiveRepository.class.isAssignableFrom(repositoryInterface)) {
      throw new IllegalArgumentException(
          repositoryInterface.getName()
              + " does not extend ReactiveRepository; declare the "
              + "repository as an interface extending ReactiveRepository<Entity, Id>");
    }
    RepositoryContext ctx = context(db, repositoryInterface);
    CrudMethods crud = new CrudMethods(ctx);
    Map<Method, Invoker> invokers = new HashMap<>();
    Map<Method, Method> redeclarations = new HashMap<>();
    List<String> problems = new ArrayList<>();
    Method[] methods = repositoryInterface.getMethods();
    Arrays.sort(methods, BY_SIGNATURE);
    for (Method m : methods) {
      if (Modifier.isStatic(m.getModifiers())) {
        continue;
      }
      try {
        if (m.isDefault()) {
          invokers.put(m, DefaultMethods.invoker(ctx, m));
        } else if (m.getDeclaringClass() == ReactiveRepository.class) {
          redeclarations.putIfAbsent(m, m);
        } else if (m.isAnnotationPresent(Query.class)) {
          invokers.put(m, AnnotatedQuery.build(ctx, m));
        } else if (crud.redeclared(m) != null) {
          redeclarations.put(crud.redeclared(m), m);
        } else {
          invokers.put(m, DerivedQuery.build(ctx, m));
        }
      } catch (RepositoryDefinitionException e) {
        problems.add(e.getMessage());
      }
    }
    for (Method m : ReactiveRepository.class.getMethods()) {
      Method declaration = redeclarations.getOrDefault(m, m);
      try {
        Invoker invoker = crud.invoker(m, declaration);
        invokers.putIfAbsent(m, invoker);
        if (declaration != m) {
          invokers.putIfAbsent(declaration, invoker);
        }
      } catch (RepositoryDefinitionException e) {
        problems.add(e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new RepositoryDefinitionException(
          problems.size() == 1
              ? problems.get(0)
              : problems.size()
                  + " methods of "
                  + repositoryInterface.getSimpleName()
                  + " cannot be implemented:\n  "
                  + String.join("\n  ", problems));
    }
    objectMethods(
        invokers,
        repositoryInterface.getSimpleName() + " (r2orm repository of " + ctx.entityName() + ")");
    Object proxy =
        Proxy.newProxyInstance(
            repositoryInterface.getClassLoader(),
            new Class<?>[] {repositoryInterface},
            new RepositoryHandler(invokers));
    return repositoryInterface.cast(proxy);
  }

  /**
   * How {@link Database#repository} reaches this package without depending on it: registered in
   * {@code META-INF/services/io.r2orm.r2dbc.RepositoryProvider} and found with {@link
   * java.util.ServiceLoader}. Not for applications: call {@link #create} or {@link
   * Database#repository}.
   */
  public static final class Provider implements RepositoryProvider {
    /** For {@link java.util.ServiceLoader}. */
    public Provider() {}

    @Override
    public <R> R create(Database db, Class<R> repositoryInterface) {
      return implement(db, repositoryInterface);
    }
  }

  private static RepositoryContext context(Database db, Class<?> repository) {
    Types types = new Types(repository);
    Type entity = types.resolve(ReactiveRepository.class.getTypeParameters()[0]);
    Type id = types.resolve(ReactiveRepository.class.getTypeParameters()[1]);
    if (!(entity instanceof Class<?> entityClass)) {
      throw new RepositoryDefinitionException(
          "Cannot implement "
              + repository.getSimpleName()
              + ": the entity type is "
              + Types.name(entity)
              + "; name the entity class, e.g. interface "
              + repository.getSimpleName()
              + " extends ReactiveRepository<Book, Long>");
    }
    RepositoryContext ctx = new RepositoryContext(db, repository, entityClass, types);
    Class<?> idType = ValueTypes.box(ctx.model.keyType());
    if (id instanceof Class<?> idClass
        && ValueTypes.box(idClass) != idType
        && idClass != Object.class) {
      throw new RepositoryDefinitionException(
          "Cannot implement "
              + repository.getSimpleName()
              + ": it declares the id "
              + "type "
              + idClass.getSimpleName()
              + " but "
              + ctx.entityName()
              + (ctx.model.hasCompositeId() ? "'s composite key" : "." + ctx.model.id().path())
              + " is a "
              + idType.getSimpleName()
              + "; extend ReactiveRepository<"
              + ctx.entityName()
              + ", "
              + idType.getSimpleName()
              + ">");
    }
    return ctx;
  }

  private static void objectMethods(Map<Method, Invoker> invokers, String description) {
    try {
      invokers.put(Object.class.getMethod("toString"), (proxy, args) -> description);
      invokers.put(
          Object.class.getMethod("hashCode"), (proxy, args) -> System.identityHashCode(proxy));
      invokers.put(
          Object.class.getMethod("equals", Object.class), (proxy, args) -> proxy == args[0]);
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(e);
    }
  }
}
