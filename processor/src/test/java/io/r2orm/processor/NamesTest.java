package io.r2orm.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import javax.annotation.processing.Processor;
import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void turnsPropertyNamesIntoUpperSnakeCase() {
    assertThat(Names.constant("id")).isEqualTo("ID");
    assertThat(Names.constant("publishedOn")).isEqualTo("PUBLISHED_ON");
    assertThat(Names.constant("isbnCode")).isEqualTo("ISBN_CODE");
    assertThat(Names.constant("ISBNCode")).isEqualTo("ISBN_CODE");
    assertThat(Names.constant("htmlURL")).isEqualTo("HTML_URL");
    assertThat(Names.constant("line2")).isEqualTo("LINE2");
    assertThat(Names.constant("snake_case")).isEqualTo("SNAKE_CASE");
    assertThat(Names.constant("snake_Case")).isEqualTo("SNAKE_CASE");
  }

  @Test
  void joinsEmbeddedConstants() {
    assertThat(Names.constant("", "street")).isEqualTo("STREET");
    assertThat(Names.constant("HOME", "zipCode")).isEqualTo("HOME_ZIP_CODE");
  }

  @Test
  void isRegisteredForServiceLoaderDiscovery() {
    assertThat(ServiceLoader.load(Processor.class).stream().map(ServiceLoader.Provider::type))
        .contains(MetamodelProcessor.class);
  }
}
