package io.r2orm.examples.docs;

import io.r2orm.r2dbc.repository.ReactiveRepository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

// spring-boot.md: a scanned repository
public interface ArtistRepository extends ReactiveRepository<Artist, Long> {
  Flux<Artist> findByNameStartingWithIgnoreCaseOrderByNameAsc(String prefix);
  Mono<Long> countByCountry(String country);
}
