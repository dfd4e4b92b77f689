package io.r2orm.r2dbc.repository;

import io.r2orm.r2dbc.model.Film;
import io.r2orm.r2dbc.test.TestDatabase;

/** Six films written with plain SQL, shared by the repository tests. */
final class FilmFixture {
  private FilmFixture() {}

  static void write(TestDatabase database) {
    database.db().schema().drop(Film.class).block();
    database.db().schema().create(Film.class).block();
    String columns =
        "INSERT INTO film (id, title, \"year\", director, archived, studio_street, studio_city, version) VALUES ";
    database.sql(
        columns + "(1, 'Alien', 1979, 'Ridley Scott', FALSE, 'Shepperton Road', 'London', 1)",
        columns
            + "(2, 'Blade Runner', 1982, 'Ridley Scott', FALSE, 'Burbank Street', 'Los Angeles', 1)",
        columns + "(3, 'Brazil', 1985, 'Terry Gilliam', TRUE, 'Shepperton Road', 'London', 1)",
        columns + "(4, 'Dune', 1984, 'David Lynch', FALSE, NULL, 'Mexico City', 1)",
        columns + "(5, 'dune part one', 2021, 'Denis Villeneuve', FALSE, 'Origo', 'Budapest', 1)",
        columns + "(6, '100% Pure_Film', NULL, NULL, TRUE, NULL, NULL, 1)",
        "ALTER TABLE film ALTER COLUMN id RESTART WITH 100");
  }
}
