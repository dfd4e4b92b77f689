package io.r2orm.r2dbc.repository;

import io.r2orm.core.convert.ValueTypes;
import io.r2orm.core.metadata.ColumnModel;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.query.FetchPath;
import io.r2orm.core.query.Order;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.Property;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.SelectQuery;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The methods of {@link ReactiveRepository}, each built once per repository on the public API of
 * {@link Database}. The reads take the fetch plan of a redeclaration annotated with {@link
 * FetchRelations}.
 */
final class CrudMethods {
  private static final Set<String> READS = Set.of("findById", "findAllById", "findAll", "findPage");

  private final RepositoryContext ctx;
  private final Database db;
  private final Class<Object> entity;
  private final List<Order> byId;

  @SuppressWarnings("unchecked")
  CrudMethods(RepositoryContext ctx) {
    this.ctx = ctx;
    this.db = ctx.db;
    this.entity = (Class<Object>) ctx.entity();
    this.byId = byId(ctx.model);
  }

  /**
   * The method of {@link ReactiveRepository} that a method of the user's interface redeclares (same
   * name and arity, parameters it accepts once {@code T} and {@code ID} are resolved), or null.
   */
  @Nullable Method redeclared(Method m) {
    for (Method crud : ReactiveRepository.class.getMethods()) {
      if (crud.getName().equals(m.getName())
          && crud.getParameterCount() == m.getParameterCount()
          && accepts(crud, m.getParameterTypes())) {
        return crud;
      }
    }
    return null;
  }

  private boolean accepts(Method crud, Class<?>[] declared) {
    java.lang.reflect.Type[] generic = crud.getGenericParameterTypes();
    for (int i = 0; i < declared.length; i++) {
      Class<?> expected = Types.rawClass(ctx.types.resolve(generic[i]));
      if (expected == null) {
        expected = crud.getParameterTypes()[i];
      }
      if (!ValueTypes.box(expected).isAssignableFrom(ValueTypes.box(declared[i]))) {
        return false;
      }
    }
    return true;
  }

  /**
   * The implementation of a {@link ReactiveRepository} method; {@code declaration} is the user's
   * redeclaration (for its annotations and return type) or the method itself.
   */
  Invoker invoker(Method crud, Method declaration) {
    if (declaration != crud) {
      Class<?> declared = declaration.getReturnType();
      if (declared != crud.getReturnType()) {
        throw ctx.fail(
            declaration,
            "redeclares ReactiveRepository."
                + crud.getName()
                + ", which returns "
                + crud.getReturnType().getSimpleName()
                + "<…>, but returns "
                + declared.getSimpleName());
      }
    }
    boolean annotated = declaration.isAnnotationPresent(FetchRelations.class);
    if (annotated && !READS.contains(crud.getName())) {
      throw ctx.fail(
          declaration,
          "@FetchRelations has no effect on "
              + crud.getName()
              + "; it applies to findById, "
              + "findAllById, findAll and findPage");
    }
    List<FetchPath<Object, ?>> fetch = FetchPaths.of(ctx, declaration, entity);
    SelectQuery<Object> reads =
        fetch.isEmpty() ? db.select(entity) : db.select(entity).fetch(FetchPaths.array(fetch));
    String signature =
        crud.getName()
            + "/"
            + crud.getParameterCount()
            + (crud.getParameterCount() == 1
                ? "/" + crud.getParameterTypes()[0].getSimpleName()
                : "");
    switch (signature) {
      case "save/1/Object":
        return (proxy, a) -> Mono.defer(() -> db.save(required(a[0], "entity")));
      case "saveAll/1/Iterable":
        return (proxy, a) -> Flux.defer(() -> saveAll(required(a[0], "entities")));
      case "findById/1/Object":
        return fetch.isEmpty()
            ? (proxy, a) -> Mono.defer(() -> db.findById(entity, required(a[0], "id")))
            : (proxy, a) -> Mono.defer(() -> reads.where(idEquals(required(a[0], "id"))).one());
      case "findAllById/1/Iterable":
        return (proxy, a) -> Flux.defer(() -> findAllById(reads, required(a[0], "ids")));
      case "findAll/0":
        return (proxy, a) -> Flux.defer(reads::all);
      case "findAll/1/Sort":
        return (proxy, a) ->
            Flux.defer(
                () -> a[0] == null ? reads.all() : reads.orderBy(((Sort) a[0]).orders()).all());
      case "findAll/1/PageRequest":
        return (proxy, a) ->
            Flux.defer(() -> Reads.slice(reads, List.of(), (PageRequest) a[0], byId));
      case "findPage/1/PageRequest":
        return (proxy, a) ->
            Mono.defer(() -> Reads.page(reads, List.of(), (PageRequest) a[0], byId));
      case "count/0":
        return (proxy, a) -> Mono.defer(() -> db.select(entity).count());
      case "existsById/1/Object":
        return (proxy, a) ->
            Mono.defer(() -> db.select(entity).where(idEquals(required(a[0], "id"))).exists());
      case "deleteById/1/Object":
        return (proxy, a) -> Mono.defer(() -> db.deleteById(entity, required(a[0], "id")));
      case "delete/1/Object":
        return (proxy, a) -> Mono.defer(() -> db.delete(required(a[0], "entity")));
      case "deleteAll/0":
        return (proxy, a) -> Mono.defer(() -> db.delete(entity).all());
      default:
        throw new IllegalStateException("no implementation of ReactiveRepository." + crud);
    }
  }

  @SuppressWarnings("unchecked")
  private Flux<Object> saveAll(Object entities) {
    Iterable<Object> all = (Iterable<Object>) entities;
    return db.transaction(tx -> Flux.fromIterable(all).concatMap(tx::save));
  }

  private Flux<Object> findAllById(SelectQuery<Object> reads, Object ids) {
    List<Object> list = new ArrayList<>();
    for (Object i : (Iterable<?>) ids) {
      list.add(Objects.requireNonNull(i, "ids must not contain null"));
    }
    if (list.isEmpty()) {
      return Flux.empty();
    }
    Predicate where =
        ctx.model.hasCompositeId()
            ? Predicate.any(list.stream().map(this::idEquals).toList())
            : Property.named(ctx.model.id().path()).in(list);
    return reads.where(where).orderBy(byId).all();
  }

  /** The order by the key's columns, which keeps pages stable. */
  static List<Order> byId(EntityModel<?> model) {
    return model.idColumns().stream().map(c -> Property.named(c.path()).asc()).toList();
  }

  /** {@code id = ?}, or each part of a composite key equal to the record's component. */
  private Predicate idEquals(Object id) {
    List<Object> parts = ctx.model.idParts(id);
    List<ColumnModel> columns = ctx.model.idColumns();
    List<Predicate> each = new ArrayList<>(parts.size());
    for (int i = 0; i < parts.size(); i++) {
      each.add(Property.named(columns.get(i).path()).eq(parts.get(i)));
    }
    return each.size() == 1 ? each.get(0) : Predicate.all(each);
  }

  private static Object required(Object value, String name) {
    return Objects.requireNonNull(value, name + " must not be null");
  }
}
