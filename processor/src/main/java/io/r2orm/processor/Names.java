package io.r2orm.processor;

import java.util.Locale;

/** Naming rules of the metamodel: constant names and the generated class name. */
final class Names {
  private Names() {}

  /**
   * Upper snake case, with the same word breaks as core's column naming: {@code publishedOn}
   * becomes {@code PUBLISHED_ON}, {@code ISBNCode} becomes {@code ISBN_CODE}, {@code line2} stays
   * {@code LINE2}.
   */
  static String constant(String property) {
    StringBuilder out = new StringBuilder(property.length() + 8);
    for (int i = 0; i < property.length(); i++) {
      char c = property.charAt(i);
      if (Character.isUpperCase(c)
          && i > 0
          && property.charAt(i - 1) != '_'
          && startsWord(property, i)) {
        out.append('_');
      }
      out.append(c);
    }
    return out.toString().toUpperCase(Locale.ROOT);
  }

  private static boolean startsWord(String s, int i) {
    boolean afterLowerOrDigit = !Character.isUpperCase(s.charAt(i - 1));
    boolean endsAcronym = i + 1 < s.length() && Character.isLowerCase(s.charAt(i + 1));
    return afterLowerOrDigit || endsAcronym;
  }

  /** {@code PARENT_CHILD} for a property of an embedded part. */
  static String constant(String parentConstant, String property) {
    return parentConstant.isEmpty()
        ? constant(property)
        : parentConstant + "_" + constant(property);
  }
}
