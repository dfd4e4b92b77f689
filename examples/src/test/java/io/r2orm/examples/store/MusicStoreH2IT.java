package io.r2orm.examples.store;

import org.springframework.test.context.TestPropertySource;

/** The music store on embedded H2, its default database. */
@TestPropertySource(
    properties = "spring.r2dbc.url=r2dbc:h2:mem:///music_store_it?options=DB_CLOSE_DELAY=-1")
class MusicStoreH2IT extends MusicStoreContract {}
