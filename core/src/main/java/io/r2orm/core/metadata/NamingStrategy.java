package io.r2orm.core.metadata;

/**
 * Derives table and column names where the annotations give none. The default, {@link #SNAKE_CASE},
 * turns {@code BookReview} into {@code book_review} and {@code publishedOn} into {@code
 * published_on}. Implementations must be stateless and return the same name for the same input.
 */
public interface NamingStrategy {

  /** {@code camelCase} and {@code PascalCase} to lower {@code snake_case}. */
  NamingStrategy SNAKE_CASE = new SnakeCaseNamingStrategy();

  /** Names exactly as in Java ({@code BookReview}, {@code publishedOn}). */
  NamingStrategy AS_IS =
      new NamingStrategy() {
        @Override
        public String tableName(Class<?> entity) {
          return entity.getSimpleName();
        }

        @Override
        public String columnName(String property) {
          return property;
        }
      };

  /** The table name for an entity class without an explicit name. */
  String tableName(Class<?> entity);

  /** The column name for a property without an explicit name. */
  String columnName(String property);
}
