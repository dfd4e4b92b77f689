package io.r2orm.r2dbc.docs.repositories;

import io.r2orm.r2dbc.repository.FetchRelations;
import io.r2orm.r2dbc.repository.Param;
import io.r2orm.r2dbc.repository.Query;
import java.util.List;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** {@link BookRepository} with the page's other methods: hand-written SQL, a fetch plan, a default method. */
interface FullBookRepository extends BookRepository {
  // repositories.md
  record AuthorCount(Long authorId, long books) {}

  @Query("SELECT * FROM book WHERE title = :title")
  Mono<Book> byTitle(String title);                        // parameter names need -parameters, or @Param

  @Query("SELECT author_id, COUNT(*) AS books FROM book WHERE id = ANY(:ids) GROUP BY author_id")
  Flux<AuthorCount> counts(@Param("ids") List<Long> bookIds);   // a record, by column name; a list is one array bind

  @Query(value = "UPDATE book SET \"year\" = :year WHERE id = :id", modifying = true)   // year is reserved on H2
  Mono<Long> setYear(long id, int year);                    // rows changed (Mono<Integer>, Mono<Void> too)
  // repositories.md: end

  // repositories.md
  @FetchRelations("author")
  Mono<Book> findById(Long id);                             // a CRUD read, redeclared to load relations
  // repositories.md: end

  // repositories.md
  default Flux<Book> recentBy(Long authorId) {
    return findFirst10ByAuthorIdOrderByYearDesc(authorId);
  }
  // repositories.md: end
}
