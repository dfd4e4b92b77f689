package io.r2orm.core.internal.render;

import io.r2orm.core.dialect.Dialect;
import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.metadata.ColumnModel;
import io.r2orm.core.metadata.EntityModel;
import io.r2orm.core.metadata.EntityModels;
import io.r2orm.core.query.PropertyRef;
import java.util.ArrayList;
import java.util.List;

/**
 * The tables a statement (or subquery) can name, innermost first: resolves a property reference to
 * a column and the SQL that qualifies it. A reference the statement's own tables do not hold is
 * looked up in the enclosing statement's scope (a correlated subquery) and then qualified with the
 * outer table's name or alias.
 */
final class Scope {
  /**
   * One table in scope.
   *
   * @param alias the user's alias, or null
   * @param qualifier SQL written before a column (e.g. {@code "b"} or {@code t}), or null for none
   * @param outerQualifier SQL that qualifies its columns from inside a subquery
   * @param model the entity
   * @param common whether it is a common table ({@code WITH}), written by its name alone
   */
  record Entry(
      String alias, String qualifier, String outerQualifier, EntityModel<?> model, boolean common) {
    Entry(String alias, String qualifier, String outerQualifier, EntityModel<?> model) {
      this(alias, qualifier, outerQualifier, model, false);
    }
  }

  /**
   * A resolved reference.
   *
   * @param qualifier SQL written before the column, or null
   * @param column the column
   * @param model the entity owning it
   */
  record Resolved(String qualifier, ColumnModel column, EntityModel<?> model) {}

  private final List<Entry> entries;
  private final Scope parent;
  private final EntityModels models;
  private final boolean statement;
  private final java.util.Set<String> commonTables = new java.util.HashSet<>();

  private Scope(List<Entry> entries, Scope parent, EntityModels models, boolean statement) {
    this.entries = entries;
    this.parent = parent;
    this.models = models;
    this.statement = statement;
  }

  /**
   * The scope of a one-table statement, columns unqualified (or qualified with {@code qualifier}).
   */
  static Scope single(
      EntityModel<?> model, Dialect dialect, EntityModels models, String qualifier) {
    String outer = qualifier != null ? qualifier : dialect.quote(model.table());
    return new Scope(List.of(new Entry(null, qualifier, outer, model)), null, models, true);
  }

  /** An empty scope of a query's own tables, nested in {@code parent} (null at the top). */
  static Scope query(Scope parent, EntityModels models) {
    return new Scope(new ArrayList<>(), parent, models, false);
  }

  /** Declares a common table of this query, readable here and in its subqueries. */
  void declare(String commonTable) {
    commonTables.add(commonTable.toLowerCase(java.util.Locale.ROOT));
  }

  /** Whether this query or an enclosing one declares the common table. */
  boolean declares(String commonTable) {
    for (Scope s = this; s != null; s = s.parent) {
      if (s.commonTables.contains(commonTable.toLowerCase(java.util.Locale.ROOT))) {
        return true;
      }
    }
    return false;
  }

  void add(Entry entry) {
    entries.add(entry);
  }

  List<Entry> entries() {
    return entries;
  }

  EntityModels models() {
    return models;
  }

  /** The first table (what a dynamic property refers to). */
  EntityModel<?> root() {
    return entries.get(0).model();
  }

  Resolved resolve(PropertyRef ref) {
    Resolved found = find(ref, false);
    if (found != null) {
      return found;
    }
    if (statement && ref.owner() != null && ref.alias() == null && parent == null) {
      EntityModel<?> model = root();
      throw new QueryBuildException(
          "property "
              + ref.owner().getSimpleName()
              + "."
              + ref.path()
              + " belongs to "
              + ref.owner().getSimpleName()
              + ", but the statement is about "
              + model.type().getSimpleName()
              + "; use "
              + model.type().getSimpleName()
              + "_ properties, or a subquery to reach "
              + ref.owner().getSimpleName());
    }
    throw new QueryBuildException(
        "property "
            + describe(ref)
            + " refers to a table that is not in the query; tables: "
            + describeTables()
            + "; add it with from(...) or join(...)"
            + (ref.alias() != null ? ", or use the alias it was given" : ""));
  }

  private Resolved find(PropertyRef ref, boolean outer) {
    Entry match = null;
    if (ref.owner() == null && ref.alias() == null) {
      match = entries.isEmpty() ? null : entries.get(0);
    } else {
      for (Entry e : entries) {
        boolean hit =
            ref.alias() != null ? ref.alias().equals(e.alias()) : e.model().type() == ref.owner();
        if (!hit) {
          continue;
        }
        if (match != null && ref.alias() == null && unaliased(ref.owner()) != null) {
          // An unqualified property means the table under its own name when the entity also
          // appears under aliases, as TableRef.of(X.class) does.
          match = unaliased(ref.owner());
          continue;
        }
        if (match != null) {
          throw new QueryBuildException(
              ref.owner().getSimpleName()
                  + " appears more than once in the query, so "
                  + describe(ref)
                  + " is ambiguous; give the tables aliases with TableRef.of("
                  + ref.owner().getSimpleName()
                  + ".class, \"alias\") and qualify the property with table.get(...)");
        }
        match = e;
      }
      if (match != null && ref.owner() != null && match.model().type() != ref.owner()) {
        throw new QueryBuildException(
            "alias "
                + ref.alias()
                + " is "
                + match.model().type().getSimpleName()
                + ", but "
                + describe(ref)
                + " is a property of "
                + ref.owner().getSimpleName());
      }
    }
    if (match == null) {
      return parent == null ? null : parent.find(ref, true);
    }
    ColumnModel column = match.model().column(ref.path());
    return new Resolved(outer ? match.outerQualifier() : match.qualifier(), column, match.model());
  }

  /** The entity's table under its own name, or null. */
  private Entry unaliased(Class<?> entity) {
    for (Entry e : entries) {
      if (e.alias() == null && e.model().type() == entity) {
        return e;
      }
    }
    return null;
  }

  private static String describe(PropertyRef ref) {
    String owner =
        ref.alias() != null ? ref.alias() : ref.owner() != null ? ref.owner().getSimpleName() : "?";
    return owner + "." + ref.path();
  }

  private String describeTables() {
    List<String> names = new ArrayList<>();
    for (Scope s = this; s != null; s = s.parent) {
      for (Entry e : s.entries) {
        names.add(e.model().type().getSimpleName() + (e.alias() == null ? "" : " " + e.alias()));
      }
    }
    return names.toString();
  }
}
