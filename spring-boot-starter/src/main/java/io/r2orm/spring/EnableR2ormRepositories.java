package io.r2orm.spring;

import io.r2orm.spring.internal.R2ormRepositoriesRegistrar;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.context.annotation.Import;

/**
 * Registers every interface extending {@link io.r2orm.r2dbc.repository.ReactiveRepository} in the
 * given packages as a bean. Without it, the starter scans the application's own packages (those of
 * the {@code @SpringBootApplication} class); use it for repositories elsewhere.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Import(R2ormRepositoriesRegistrar.class)
public @interface EnableR2ormRepositories {
  /** Base packages to scan (alias of {@link #basePackages}). */
  String[] value() default {};

  /** Base packages to scan; the annotated class's package when empty. */
  String[] basePackages() default {};

  /** Classes whose packages are scanned (type-safe alternative to names). */
  Class<?>[] basePackageClasses() default {};
}
