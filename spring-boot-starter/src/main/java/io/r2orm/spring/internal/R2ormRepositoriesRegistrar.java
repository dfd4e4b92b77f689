package io.r2orm.spring.internal;

import io.r2orm.r2dbc.repository.ReactiveRepository;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

/**
 * Finds repository interfaces and registers one {@link R2ormRepositoryFactoryBean} per interface.
 * Used by {@code @EnableR2ormRepositories} (its packages) and by the auto-configuration (the
 * application's auto-configuration packages).
 */
public class R2ormRepositoriesRegistrar implements ImportBeanDefinitionRegistrar, BeanFactoryAware {
  /** The API's annotation, by name: this package does not depend on the API package (no cycle). */
  private static final String ENABLE_ANNOTATION = "io.r2orm.spring.EnableR2ormRepositories";

  private @Nullable BeanFactory beanFactory;

  @Override
  public void setBeanFactory(BeanFactory beanFactory) {
    this.beanFactory = beanFactory;
  }

  private static final String EXPLICIT = "r2orm.explicitRepositoryScan";

  @Override
  public void registerBeanDefinitions(
      AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
    boolean explicit = metadata.hasAnnotation(ENABLE_ANNOTATION);
    if (!explicit && scannedExplicitly(registry)) {
      return; // the application chose its packages with @EnableR2ormRepositories
    }
    register(packages(metadata), registry, explicit);
  }

  private static boolean scannedExplicitly(BeanDefinitionRegistry registry) {
    for (String name : registry.getBeanDefinitionNames()) {
      if (Boolean.TRUE.equals(registry.getBeanDefinition(name).getAttribute(EXPLICIT))) {
        return true;
      }
    }
    return false;
  }

  private List<String> packages(AnnotationMetadata metadata) {
    Map<String, Object> attributes = metadata.getAnnotationAttributes(ENABLE_ANNOTATION);
    if (attributes == null) {
      BeanFactory factory =
          Objects.requireNonNull(beanFactory, "Spring sets the bean factory first");
      return AutoConfigurationPackages.has(factory)
          ? AutoConfigurationPackages.get(factory)
          : List.of();
    }
    Set<String> packages = new LinkedHashSet<>();
    packages.addAll(Arrays.asList((String[]) attributes.get("value")));
    packages.addAll(Arrays.asList((String[]) attributes.get("basePackages")));
    for (Class<?> c : (Class<?>[]) Objects.requireNonNull(attributes.get("basePackageClasses"))) {
      packages.add(ClassUtils.getPackageName(c));
    }
    if (packages.isEmpty()) {
      packages.add(ClassUtils.getPackageName(metadata.getClassName()));
    }
    return new ArrayList<>(packages);
  }

  /**
   * Registers a bean for each repository interface under the packages, unless one is registered
   * already.
   */
  static void register(List<String> packages, BeanDefinitionRegistry registry, boolean explicit) {
    ClassPathScanningCandidateComponentProvider scanner =
        new ClassPathScanningCandidateComponentProvider(false) {
          @Override
          protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
            return definition.getMetadata().isInterface()
                && definition.getMetadata().isIndependent();
          }
        };
    scanner.addIncludeFilter(new AssignableTypeFilter(ReactiveRepository.class));
    for (String pkg : packages) {
      for (BeanDefinition candidate : scanner.findCandidateComponents(pkg)) {
        String className = candidate.getBeanClassName();
        if (className == null || className.equals(ReactiveRepository.class.getName())) {
          continue;
        }
        String name = beanName(className);
        if (registry.containsBeanDefinition(name)) {
          continue;
        }
        Class<?> type;
        try {
          type = ClassUtils.forName(className, R2ormRepositoriesRegistrar.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
          throw new IllegalStateException("Cannot load the repository interface " + className, e);
        }
        RootBeanDefinition bean = new RootBeanDefinition(R2ormRepositoryFactoryBean.class);
        bean.getConstructorArgumentValues().addGenericArgumentValue(className);
        bean.setAttribute(
            org.springframework.beans.factory.FactoryBean.OBJECT_TYPE_ATTRIBUTE, type);
        bean.setAttribute(EXPLICIT, explicit);
        registry.registerBeanDefinition(name, bean);
      }
    }
  }

  private static String beanName(String className) {
    String simple = ClassUtils.getShortName(className);
    int dot = simple.lastIndexOf('.');
    simple = dot >= 0 ? simple.substring(dot + 1) : simple;
    return Character.toLowerCase(simple.charAt(0)) + simple.substring(1);
  }
}
