package io.r2orm.examples.docs;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application that runs docs/spring-boot.md's snippets (its package only). */
@SpringBootApplication
public class DocsApplication {}
