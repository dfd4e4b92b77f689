package io.r2orm.spring.app;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application the starter's Spring Boot tests start. */
@SpringBootApplication
public class StarterTestApplication {}
