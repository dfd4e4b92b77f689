package io.r2orm.examples.library;

import static org.assertj.core.api.Assertions.assertThat;

import io.r2dbc.spi.ConnectionFactories;
import io.r2orm.r2dbc.Database;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's first command runs this tour; it must keep working on embedded H2. */
class LibraryExampleTest {

  @Test
  void tourRunsOnEmbeddedH2AndPrintsWhatHappened() {
    Database db =
        Database.builder(
                ConnectionFactories.get("r2dbc:h2:mem:///example_test?options=DB_CLOSE_DELAY=-1"))
            .converter(Money.class, new Money.Converter())
            .build();
    PrintStream original = System.out;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      LibraryExample.run(db).block(Duration.ofSeconds(30));
    } finally {
      System.setOut(original);
    }
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("inserted  #5 Frankenstein (version 1)")
        .contains("sci-fi    The Left Hand of Darkness, 1969, 10.00")
        .contains("by author Frank Herbert: 2 book(s), first in 1965")
        .contains("by author Mary Shelley: 1 book(s), first in 1818")
        .contains("page      [A Wizard of Earthsea, Dune] …")
        .contains("page      [Dune Messiah, Frankenstein] …")
        .contains("page      [The Left Hand of Darkness]" + System.lineSeparator())
        .contains("upserted  #3 Mary Shelley (UK)")
        .contains("upserted  #4 Octavia E. Butler (US)")
        .contains("updated   Dune costs 12.50 now (version 2)")
        .contains("stale     OptimisticLockException")
        .contains("deleted   1 book(s) published before 1900")
        .doesNotContain("remaining #5");
  }
}
