package io.r2orm.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2orm.core.query.Ref;
import io.r2orm.r2dbc.Database;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * docs/spring-boot.md's snippets in a running application: the scanned repository injected into a
 * controller and called over HTTP, and the read-only {@code @Transactional} method with a fetch
 * plan (without a replica configured it runs on the one database).
 */
@SpringBootTest(classes = DocsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.r2dbc.pool.max-size=4", "spring.r2dbc.pool.initial-size=1"})
@AutoConfigureWebTestClient(timeout = "30s")
abstract class SpringBootSnippetsContract {
  private static final Duration WAIT = Duration.ofSeconds(20);

  @Autowired Database db;
  @Autowired CatalogueService catalogue;
  @Autowired ArtistRepository artists;
  @Autowired WebTestClient web;

  @BeforeEach
  void data() {
    db.schema().drop(Album.class, Artist.class).block(WAIT);
    db.schema().create(Artist.class, Album.class).block(WAIT);
    Artist miles = db.insert(new Artist(null, "Miles", "US")).block(WAIT);
    db.insert(new Artist(null, "Mina", "IT")).block(WAIT);
    db.insert(new Album(null, "Kind of Blue", Ref.to(miles.id()))).block(WAIT);
  }

  @Test
  void theRepositoryAnswersThroughTheController() {
    web.get().uri("/api/artists?prefix=mi").exchange().expectStatus().isOk()
        .expectBodyList(Artist.class).value(list -> assertThat(list).extracting(Artist::name).containsExactly("Miles", "Mina"));
    assertThat(artists.countByCountry("IT").block(WAIT)).isEqualTo(1L);
  }

  @Test
  void theReadOnlyTransactionalMethodFetchesRelations() {
    assertThat(catalogue.catalogue().map(a -> a.artist().get().name()).collectList().block(WAIT)).containsExactly("Miles");
  }
}
