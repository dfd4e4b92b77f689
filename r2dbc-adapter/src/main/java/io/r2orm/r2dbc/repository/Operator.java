package io.r2orm.r2dbc.repository;

import java.util.List;

/**
 * The condition keywords of derived query names, each with the word sequences that spell it ({@code
 * IsNotNull}, {@code NotNull}) and the number of method parameters it takes.
 */
enum Operator {
  EQUALS(1, "", "Is", "Equals"),
  NOT(1, "Not", "IsNot"),
  IN(1, "In", "IsIn"),
  NOT_IN(1, "NotIn", "IsNotIn"),
  IS_NULL(0, "IsNull", "Null"),
  IS_NOT_NULL(0, "IsNotNull", "NotNull"),
  LESS_THAN(1, "LessThan", "IsLessThan"),
  LESS_THAN_EQUAL(1, "LessThanEqual", "IsLessThanEqual"),
  GREATER_THAN(1, "GreaterThan", "IsGreaterThan"),
  GREATER_THAN_EQUAL(1, "GreaterThanEqual", "IsGreaterThanEqual"),
  BETWEEN(2, "Between", "IsBetween"),
  LIKE(1, "Like", "IsLike"),
  NOT_LIKE(1, "NotLike", "IsNotLike"),
  STARTING_WITH(1, "StartingWith", "IsStartingWith", "StartsWith"),
  ENDING_WITH(1, "EndingWith", "IsEndingWith", "EndsWith"),
  CONTAINING(1, "Containing", "IsContaining", "Contains"),
  NOT_CONTAINING(1, "NotContaining", "IsNotContaining"),
  TRUE(0, "True", "IsTrue"),
  FALSE(0, "False", "IsFalse");

  private final int arguments;
  private final List<String> spellings;

  Operator(int arguments, String... spellings) {
    this.arguments = arguments;
    this.spellings = List.of(spellings);
  }

  /** The number of method parameters the condition takes. */
  int arguments() {
    return arguments;
  }

  /**
   * The ways to write this operator ({@code IsNotNull}, {@code NotNull}); the empty one for
   * equality.
   */
  List<String> spellings() {
    return spellings;
  }

  /** Whether the condition matches text with a pattern, so that the property must be text. */
  boolean isTextMatch() {
    return this == LIKE
        || this == NOT_LIKE
        || this == STARTING_WITH
        || this == ENDING_WITH
        || this == CONTAINING
        || this == NOT_CONTAINING;
  }

  /** Whether {@code IgnoreCase} may follow. */
  boolean allowsIgnoreCase() {
    return isTextMatch() || this == EQUALS || this == NOT;
  }

  /** How the keyword reads in messages, e.g. {@code GreaterThanEqual}. */
  String keyword() {
    return spellings.get(0).isEmpty() ? "Equals" : spellings.get(0);
  }
}
