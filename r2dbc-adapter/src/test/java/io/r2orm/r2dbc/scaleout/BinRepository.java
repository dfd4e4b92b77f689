package io.r2orm.r2dbc.scaleout;

import io.r2orm.r2dbc.repository.Param;
import io.r2orm.r2dbc.repository.Query;
import io.r2orm.r2dbc.repository.ReactiveRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** A repository used through PgBouncer: derived, annotated and CRUD methods. */
public interface BinRepository extends ReactiveRepository<Bin, Long> {
  Flux<Bin> findByLabelStartingWithOrderByIdAsc(String prefix);

  Mono<Long> countByLabel(String label);

  @Query("SELECT * FROM pgb_bin WHERE hits >= :hits ORDER BY id")
  Flux<Bin> withAtLeast(@Param("hits") int hits);
}
