package io.r2orm.core.metadata;

/**
 * Lower snake case: {@code ISBNCode} becomes {@code isbn_code}, {@code line2} stays {@code line2}.
 */
final class SnakeCaseNamingStrategy implements NamingStrategy {

  @Override
  public String tableName(Class<?> entity) {
    return snake(entity.getSimpleName());
  }

  @Override
  public String columnName(String property) {
    return snake(property);
  }

  static String snake(String name) {
    StringBuilder out = new StringBuilder(name.length() + 8);
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (Character.isUpperCase(c)) {
        boolean afterLowerOrDigit = i > 0 && !Character.isUpperCase(name.charAt(i - 1));
        boolean endsAcronym =
            i > 0
                && Character.isUpperCase(name.charAt(i - 1))
                && i + 1 < name.length()
                && Character.isLowerCase(name.charAt(i + 1));
        if ((afterLowerOrDigit || endsAcronym) && name.charAt(i - 1) != '_') {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "SNAKE_CASE";
  }
}
