package io.r2orm.examples.docs;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Flux;

// spring-boot.md: the repository injected
@RestController
class ArtistController {
  private final ArtistRepository artists;

  ArtistController(ArtistRepository artists) {
    this.artists = artists;
  }

  @GetMapping("/api/artists")
  Flux<Artist> byPrefix(@RequestParam String prefix) {
    return artists.findByNameStartingWithIgnoreCaseOrderByNameAsc(prefix);
  }
}
