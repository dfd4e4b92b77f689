package io.r2orm.r2dbc.repository;

import io.r2orm.r2dbc.repository.MethodName.Criterion;
import io.r2orm.r2dbc.repository.MethodName.SortKey;
import io.r2orm.r2dbc.repository.MethodName.Subject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Takes derived query method names apart ({@code
 * findFirst10ByAuthorIdAndTitleContainingIgnoreCaseOrderByYearDesc}) against the property paths of
 * one entity. Names are read as words (a word starts at each capital letter), and properties are
 * matched word by word, longest first with backtracking, so that a property whose name contains a
 * keyword ({@code brandName}, {@code orderNumber}) still reads right. Nested paths match without
 * the dot ({@code HomeCity} is {@code home.city}). Pure and thread-safe; an unreadable name fails
 * with a {@link NameException} that says what to fix.
 */
final class MethodNameParser {
  private static final Pattern VERB =
      Pattern.compile("(find|read|get|query|search|stream|count|exists|delete|remove)(\\p{Lu}.*)?");
  private static final Pattern LIMIT = Pattern.compile("(First|Top)(\\d*)");
  private static final List<Spelling> SPELLINGS = spellings();
  private static final Set<String> KEYWORD_STARTS = keywordStarts();

  private final String entity;
  private final List<String> properties;
  private final Map<List<String>, String> byWords = new HashMap<>();
  private final int longest;

  /**
   * @param entity the entity's simple name, for messages
   * @param properties the queryable property paths ({@code title}, {@code home.city})
   */
  MethodNameParser(String entity, Collection<String> properties) {
    this.entity = entity;
    this.properties = List.copyOf(properties);
    int max = 0;
    // direct properties first: homeCity wins over home.city when both exist
    for (String p : this.properties) {
      if (p.indexOf('.') < 0) max = Math.max(max, register(p));
    }
    for (String p : this.properties) {
      if (p.indexOf('.') >= 0) max = Math.max(max, register(p));
    }
    this.longest = max;
  }

  private int register(String path) {
    StringBuilder flat = new StringBuilder();
    for (String segment : path.split("\\.")) {
      flat.append(capitalize(segment));
    }
    List<String> words = words(flat.toString());
    byWords.putIfAbsent(words, path);
    return words.size();
  }

  /** A failure to read a name: what is wrong, at which word. */
  static final class NameException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int position;

    NameException(String message, int position) {
      super(message, null, false, false);
      this.position = position;
    }
  }

  /** Reads a method name. */
  MethodName parse(String methodName) {
    Matcher verb = VERB.matcher(methodName);
    if (!verb.matches()) {
      throw new NameException(
          "a derived query name starts with find, read, get, query, search, stream, count, "
              + "exists, delete or remove, then …By and the conditions, e.g. findByTitle",
          0);
    }
    Subject subject = subject(verb.group(1));
    List<String> w = words(verb.group(2) == null ? "" : verb.group(2));
    int by = w.indexOf("By");
    if (by < 0) {
      throw new NameException(
          "the name has no 'By'; write "
              + verb.group(1)
              + "By<Property>…, e.g. "
              + verb.group(1)
              + "ByTitle",
          w.size());
    }
    Integer limit = limit(w.subList(0, by));
    if (by + 1 == w.size()) {
      throw new NameException(
          "nothing follows 'By'; name a property, e.g. " + verb.group(1) + "ByTitle", by + 1);
    }
    Tail tail = isOrderBy(w, by + 1) ? orders(w, by + 3) : criterion(w, by + 1);
    return new MethodName(subject, limit, tail.groups(), tail.order());
  }

  private static Subject subject(String verb) {
    switch (verb) {
      case "count":
        return Subject.COUNT;
      case "exists":
        return Subject.EXISTS;
      case "delete":
      case "remove":
        return Subject.DELETE;
      default:
        return Subject.FIND;
    }
  }

  private static @Nullable Integer limit(List<String> subjectWords) {
    Integer limit = null;
    for (String word : subjectWords) {
      Matcher m = LIMIT.matcher(word);
      if (m.matches()) {
        if (limit != null) {
          throw new NameException("the name has two row limits (First/Top); keep one", 0);
        }
        limit = m.group(2).isEmpty() ? 1 : parseLimit(m.group(2), word);
      }
    }
    return limit;
  }

  private static int parseLimit(String digits, String word) {
    int n;
    try {
      n = Integer.parseInt(digits);
    } catch (NumberFormatException e) {
      throw new NameException("the row limit in '" + word + "' is too large", 0);
    }
    if (n < 1) {
      throw new NameException("the row limit in '" + word + "' must be at least 1", 0);
    }
    return n;
  }

  /** The rest of the name from a condition at {@code pos}. */
  private Tail criterion(List<String> w, int pos) {
    if (pos == w.size()) {
      throw new NameException("the name ends after '" + w.get(pos - 1) + "'; name a property", pos);
    }
    @Nullable NameException best = null;
    for (int len : candidates(w, pos)) {
      // candidates are the lengths that name a property
      String property = Objects.requireNonNull(byWords.get(w.subList(pos, pos + len)));
      for (Spelling s : SPELLINGS) {
        int at = pos + len;
        if (!startsWith(w, at, s.words)) continue;
        at += s.words.size();
        boolean ignoreCase =
            startsWith(w, at, List.of("Ignore", "Case"))
                || startsWith(w, at, List.of("Ignoring", "Case"));
        if (ignoreCase) {
          if (!s.operator.allowsIgnoreCase()) {
            best =
                furthest(
                    best,
                    new NameException(
                        "IgnoreCase cannot follow "
                            + s.operator.keyword()
                            + " (on '"
                            + property
                            + "'); it applies to equality, Not, Like, StartingWith, EndingWith and Containing",
                        at));
            continue;
          }
          at += 2;
        }
        try {
          return connector(w, at, property)
              .prepend(new Criterion(property, s.operator, ignoreCase));
        } catch (NameException e) {
          best = furthest(best, e);
        }
      }
    }
    String written = propertyText(w, pos, false);
    if (best == null || !byWords.containsKey(words(capitalize(written)))) {
      throw unknownProperty(written, pos);
    }
    throw best;
  }

  /** What follows a complete condition whose property is {@code property}. */
  private Tail connector(List<String> w, int pos, String property) {
    if (pos == w.size()) {
      return Tail.empty();
    }
    if (w.get(pos).equals("And")) {
      return criterion(w, pos + 1).joinedBy(false);
    }
    if (w.get(pos).equals("Or")) {
      return criterion(w, pos + 1).joinedBy(true);
    }
    if (isOrderBy(w, pos)) {
      return orders(w, pos + 2);
    }
    throw new NameException(
        "cannot read '"
            + String.join("", w.subList(pos, w.size()))
            + "' after the condition on '"
            + property
            + "'; expected And, Or, OrderBy or a keyword such as GreaterThan, In, IsNull, Containing",
        pos);
  }

  private Tail orders(List<String> w, int pos) {
    if (pos >= w.size()) {
      throw new NameException(
          "nothing follows 'OrderBy'; name a property, e.g. OrderByTitleAsc", pos);
    }
    @Nullable NameException best = null;
    for (int len : candidates(w, pos)) {
      String property = Objects.requireNonNull(byWords.get(w.subList(pos, pos + len)));
      int at = pos + len;
      boolean descending = at < w.size() && w.get(at).equals("Desc");
      if (at < w.size() && (descending || w.get(at).equals("Asc"))) at++;
      try {
        Tail rest = at == w.size() ? Tail.empty() : orders(w, at);
        List<SortKey> keys = new ArrayList<>();
        keys.add(new SortKey(property, descending));
        keys.addAll(rest.order());
        return new Tail(List.of(), keys);
      } catch (NameException e) {
        best = furthest(best, e);
      }
    }
    String written = propertyText(w, pos, true);
    if (best == null || !byWords.containsKey(words(capitalize(written)))) {
      throw unknownProperty(written, pos);
    }
    throw best;
  }

  /** The lengths (in words) of the known properties that start at {@code pos}, longest first. */
  private List<Integer> candidates(List<String> w, int pos) {
    List<Integer> lengths = new ArrayList<>();
    for (int len = Math.min(longest, w.size() - pos); len >= 1; len--) {
      if (byWords.containsKey(w.subList(pos, pos + len))) {
        lengths.add(len);
      }
    }
    return lengths;
  }

  /**
   * The words from {@code pos} that look like a property (up to the next keyword), uncapitalized.
   */
  private static String propertyText(List<String> w, int pos, boolean inOrder) {
    int end = pos + 1;
    while (end < w.size()) {
      String word = w.get(end);
      boolean stop =
          inOrder ? word.equals("Asc") || word.equals("Desc") : KEYWORD_STARTS.contains(word);
      if (stop) break;
      end++;
    }
    String text = String.join("", w.subList(pos, Math.min(end, w.size())));
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }

  private NameException unknownProperty(String written, int pos) {
    StringBuilder m =
        new StringBuilder(entity).append(" has no property '").append(written).append("'");
    String close = closest(written);
    if (close != null) {
      m.append(" (did you mean '").append(close).append("'?)");
    }
    m.append("; known properties: ").append(properties);
    return new NameException(m.toString(), pos);
  }

  /** The known property nearest to the written one (at most two edits away), or null. */
  private @Nullable String closest(String written) {
    @Nullable String best = null;
    int bestDistance = 3;
    for (String p : properties) {
      int d =
          distance(written.toLowerCase(Locale.ROOT), p.replace(".", "").toLowerCase(Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = p;
      }
    }
    return best;
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static NameException furthest(@Nullable NameException a, NameException b) {
    return a == null || b.position > a.position ? b : a;
  }

  private static boolean isOrderBy(List<String> w, int pos) {
    return startsWith(w, pos, List.of("Order", "By"));
  }

  private static boolean startsWith(List<String> w, int pos, List<String> words) {
    return pos + words.size() <= w.size() && w.subList(pos, pos + words.size()).equals(words);
  }

  /**
   * Splits camel case into words; a word starts at each capital letter, digits stay with the word
   * before.
   */
  static List<String> words(String camel) {
    List<String> words = new ArrayList<>();
    int start = 0;
    for (int i = 1; i < camel.length(); i++) {
      if (Character.isUpperCase(camel.charAt(i))) {
        words.add(camel.substring(start, i));
        start = i;
      }
    }
    if (!camel.isEmpty()) {
      words.add(camel.substring(start));
    }
    return words;
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  /** One way of writing an operator, as words. */
  private record Spelling(Operator operator, List<String> words) {}

  private static List<Spelling> spellings() {
    List<Spelling> all = new ArrayList<>();
    for (Operator op : Operator.values()) {
      for (String spelling : op.spellings()) {
        all.add(new Spelling(op, words(spelling)));
      }
    }
    all.sort(Comparator.comparingInt((Spelling s) -> s.words.size()).reversed());
    return List.copyOf(all);
  }

  private static Set<String> keywordStarts() {
    Set<String> starts =
        new java.util.HashSet<>(Set.of("And", "Or", "Order", "Ignore", "Ignoring"));
    for (Spelling s : spellings()) {
      if (!s.words.isEmpty()) starts.add(s.words.get(0));
    }
    return Set.copyOf(starts);
  }

  /** One condition and whether {@code Or} (rather than {@code And}) joins it to the one before. */
  private record Item(Criterion criterion, boolean orBefore) {}

  /** The conditions and order read from some word to the end of the name; built back to front. */
  private record Tail(List<Item> items, List<SortKey> order) {
    static Tail empty() {
      return new Tail(List.of(), List.of());
    }

    Tail prepend(Criterion c) {
      List<Item> all = new ArrayList<>();
      all.add(new Item(c, false));
      all.addAll(items);
      return new Tail(all, order);
    }

    /** This tail with its first condition joined to the one before by Or (or And). */
    Tail joinedBy(boolean or) {
      List<Item> all = new ArrayList<>(items);
      all.set(0, new Item(items.get(0).criterion(), or));
      return new Tail(all, order);
    }

    List<List<Criterion>> groups() {
      List<List<Criterion>> groups = new ArrayList<>();
      for (Item item : items) {
        if (groups.isEmpty() || item.orBefore()) {
          groups.add(new ArrayList<>());
        }
        groups.get(groups.size() - 1).add(item.criterion());
      }
      return groups;
    }
  }
}
