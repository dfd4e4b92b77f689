package io.r2orm.r2dbc.repository;

import io.r2orm.core.query.FetchPath;
import io.r2orm.core.query.Order;
import io.r2orm.core.query.Predicate;
import io.r2orm.core.query.Property;
import io.r2orm.r2dbc.DeleteQuery;
import io.r2orm.r2dbc.SelectQuery;
import io.r2orm.r2dbc.repository.Conditions.Condition;
import io.r2orm.r2dbc.repository.MethodName.Criterion;
import io.r2orm.r2dbc.repository.MethodName.SortKey;
import io.r2orm.r2dbc.repository.MethodName.Subject;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A derived query method, planned when the repository is created: the name is parsed, every
 * property, parameter and the return type are checked, and the query with its fixed parts (order,
 * limit, fetch plan) is built once. A call only turns its arguments into conditions.
 */
final class DerivedQuery {
  private final RepositoryContext ctx;
  private final Method method;
  private final MethodName name;
  private final ReturnShape returns;
  private final List<List<Condition>> groups = new ArrayList<>();
  private int sortIndex = -1;
  private int pageIndex = -1;

  private DerivedQuery(RepositoryContext ctx, Method method, MethodName name) {
    this.ctx = ctx;
    this.method = method;
    this.name = name;
    this.returns = ReturnShape.of(ctx, method);
  }

  /**
   * Plans the method; fails naming the method when its name, parameters or return type do not fit.
   */
  static Invoker build(RepositoryContext ctx, Method method) {
    MethodName name;
    try {
      name = ctx.parser.parse(method.getName());
    } catch (MethodNameParser.NameException e) {
      throw ctx.fail(method, String.valueOf(e.getMessage()));
    }
    return new DerivedQuery(ctx, method, name).plan();
  }

  private Invoker plan() {
    List<Integer> values = parameters();
    Conditions conditions = new Conditions(ctx, method);
    int next = 0;
    for (List<Criterion> group : name.criteria()) {
      List<Condition> built = new ArrayList<>();
      for (Criterion c : group) {
        int[] at = new int[c.operator().arguments()];
        for (int k = 0; k < at.length; k++) {
          at[k] = values.get(next++);
        }
        built.add(conditions.of(c, at));
      }
      groups.add(built);
    }
    if (name.subject() == Subject.FIND) {
      return find();
    }
    String kind = name.subject().name().toLowerCase(java.util.Locale.ROOT) + "…By methods";
    if (name.limit() != null) {
      throw ctx.fail(method, "First/Top has no effect on " + kind + "; remove it");
    }
    if (!name.order().isEmpty() || sortIndex >= 0 || pageIndex >= 0) {
      throw ctx.fail(
          method,
          kind + " take no order or page; remove OrderBy and any Sort or PageRequest parameter");
    }
    if (method.isAnnotationPresent(FetchRelations.class)) {
      throw ctx.fail(method, "@FetchRelations has no effect on " + kind + "; remove it");
    }
    switch (name.subject()) {
      case COUNT:
        return count();
      case EXISTS:
        return exists();
      default:
        return delete();
    }
  }

  /** Indexes of the value parameters; notes the Sort and PageRequest parameters. */
  private List<Integer> parameters() {
    List<Integer> values = new ArrayList<>();
    Class<?>[] types = method.getParameterTypes();
    for (int i = 0; i < types.length; i++) {
      if (types[i] == Sort.class) {
        if (sortIndex >= 0) throw ctx.fail(method, "takes two Sort parameters; keep one");
        sortIndex = i;
      } else if (types[i] == PageRequest.class) {
        if (pageIndex >= 0) throw ctx.fail(method, "takes two PageRequest parameters; keep one");
        pageIndex = i;
      } else {
        values.add(i);
      }
    }
    if (sortIndex >= 0 && pageIndex >= 0) {
      throw ctx.fail(
          method,
          "takes a Sort and a PageRequest; a PageRequest carries its own Sort, so remove the Sort "
              + "parameter");
    }
    if (values.size() != name.arguments()) {
      String needs =
          name.allCriteria().stream()
              .map(
                  c ->
                      c.property()
                          + " "
                          + c.operator().keyword()
                          + " ("
                          + c.operator().arguments()
                          + ")")
              .collect(Collectors.joining(", "));
      throw ctx.fail(
          method,
          "takes "
              + values.size()
              + " value parameter"
              + (values.size() == 1 ? "" : "s")
              + " but the name needs "
              + name.arguments()
              + (needs.isEmpty() ? "" : ": " + needs)
              + "; declare one parameter per value, in the order of the name");
    }
    return values;
  }

  private @Nullable Predicate where(Object[] args) {
    if (groups.isEmpty()) {
      return null;
    }
    List<Predicate> any = new ArrayList<>(groups.size());
    for (List<Condition> group : groups) {
      if (group.size() == 1) {
        any.add(group.get(0).apply(args));
      } else {
        List<Predicate> all = new ArrayList<>(group.size());
        for (Condition c : group) all.add(c.apply(args));
        any.add(Predicate.all(all));
      }
    }
    return any.size() == 1 ? any.get(0) : Predicate.any(any);
  }

  @SuppressWarnings("unchecked")
  private SelectQuery<Object> select() {
    return (SelectQuery<Object>) ctx.db.select(ctx.entity());
  }

  private SelectQuery<Object> filtered(SelectQuery<Object> base, Object[] args) {
    Predicate p = where(args);
    return p == null ? base : base.where(p);
  }

  private Invoker find() {
    Class<?> entity = ctx.entity();
    String e = entity.getSimpleName();
    boolean page = returns.isPageOf(entity);
    if (!returns.is(entity) && !page) {
      throw ctx.fail(
          method,
          "returns "
              + returns.name()
              + "; find…By methods return Flux<"
              + e
              + ">, Mono<"
              + e
              + ">, or Mono<Page<"
              + e
              + ">> with a PageRequest parameter; for other results use @Query");
    }
    if (page && pageIndex < 0) {
      throw ctx.fail(
          method,
          "returns " + returns.name() + " but takes no PageRequest; add a PageRequest parameter");
    }
    if (!returns.flux() && !page && pageIndex >= 0) {
      throw ctx.fail(
          method,
          "takes a PageRequest but returns "
              + returns.name()
              + "; return Flux<"
              + e
              + "> or Mono<Page<"
              + e
              + ">>");
    }
    if (name.limit() != null && pageIndex >= 0) {
      throw ctx.fail(method, "combines First/Top with a PageRequest; use one of them");
    }
    if (!returns.flux() && !page && name.limit() != null && name.limit() > 1) {
      throw ctx.fail(
          method,
          "returns "
              + returns.name()
              + ", which holds one "
              + e
              + ", but the name asks for "
              + name.limit()
              + "; return Flux<"
              + e
              + "> or use findFirstBy…");
    }
    List<FetchPath<Object, ?>> fetch = FetchPaths.of(ctx, method, entity);
    List<Order> fixed = new ArrayList<>();
    for (SortKey k : name.order()) {
      String column = Objects.requireNonNull(ctx.queryable.get(k.property())).path();
      fixed.add(k.descending() ? Property.named(column).desc() : Property.named(column).asc());
    }
    List<Order> order = List.copyOf(fixed);
    SelectQuery<Object> base = select();
    if (!fetch.isEmpty()) base = base.fetch(FetchPaths.array(fetch));
    if (!order.isEmpty()) base = base.orderBy(order);
    if (name.limit() != null) base = base.limit(name.limit());
    return finder(base, order, page);
  }

  private Invoker finder(SelectQuery<Object> base, List<Order> order, boolean page) {
    List<Order> byId = CrudMethods.byId(ctx.model);
    int s = sortIndex;
    int p = pageIndex;
    boolean one = !returns.flux() && !page;
    boolean first = name.limit() != null;
    if (page) {
      return (proxy, args) ->
          Mono.defer(() -> Reads.page(filtered(base, args), order, (PageRequest) args[p], byId));
    }
    if (p >= 0) {
      return (proxy, args) ->
          Flux.defer(() -> Reads.slice(filtered(base, args), order, (PageRequest) args[p], byId));
    }
    if (one) {
      return (proxy, args) ->
          Mono.defer(
              () -> {
                SelectQuery<Object> q =
                    sorted(filtered(base, args), order, s < 0 ? null : (Sort) args[s]);
                return first ? q.first() : q.one();
              });
    }
    return (proxy, args) ->
        Flux.defer(() -> sorted(filtered(base, args), order, s < 0 ? null : (Sort) args[s]).all());
  }

  private static SelectQuery<Object> sorted(
      SelectQuery<Object> q, List<Order> fixed, @Nullable Sort sort) {
    return sort == null || !sort.isSorted() ? q : q.orderBy(Reads.orders(fixed, sort));
  }

  private Invoker count() {
    requireMono(Long.class, "count…By");
    SelectQuery<Object> base = select();
    return (proxy, args) -> Mono.defer(() -> filtered(base, args).count());
  }

  private Invoker exists() {
    requireMono(Boolean.class, "exists…By");
    SelectQuery<Object> base = select();
    return (proxy, args) -> Mono.defer(() -> filtered(base, args).exists());
  }

  @SuppressWarnings("unchecked")
  private Invoker delete() {
    if (returns.flux() || !(returns.is(Long.class) || returns.is(Void.class))) {
      throw ctx.fail(
          method,
          "returns "
              + returns.name()
              + "; delete…By methods return Mono<Long> (rows deleted) or "
              + "Mono<Void>");
    }
    if (groups.isEmpty()) {
      throw ctx.fail(
          method,
          "has no condition; name one (deleteByTitle), or call deleteAll() to delete every row");
    }
    DeleteQuery<Object> base = (DeleteQuery<Object>) ctx.db.delete(ctx.entity());
    boolean count = returns.is(Long.class);
    return (proxy, args) ->
        Mono.defer(
            () -> {
              // a derived delete always has a condition: the parser requires a property after By
              Mono<Long> deleted = base.where(Objects.requireNonNull(where(args))).execute();
              return count ? deleted : deleted.then();
            });
  }

  private void requireMono(Class<?> element, String kind) {
    if (returns.flux() || !returns.is(element)) {
      throw ctx.fail(
          method,
          "returns "
              + returns.name()
              + "; "
              + kind
              + " methods return Mono<"
              + element.getSimpleName()
              + ">");
    }
  }
}
