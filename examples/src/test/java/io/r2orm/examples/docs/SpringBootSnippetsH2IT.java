package io.r2orm.examples.docs;

import org.springframework.test.context.TestPropertySource;

/** docs/spring-boot.md's snippets on embedded H2. */
@TestPropertySource(properties = "spring.r2dbc.url=r2dbc:h2:mem:///docs_snippets_it?options=DB_CLOSE_DELAY=-1")
class SpringBootSnippetsH2IT extends SpringBootSnippetsContract {}
