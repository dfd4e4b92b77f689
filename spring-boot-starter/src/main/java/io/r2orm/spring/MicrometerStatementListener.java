package io.r2orm.spring;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.r2orm.r2dbc.RelationBatchEvent;
import io.r2orm.r2dbc.StatementEvent;
import io.r2orm.r2dbc.StatementListener;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Records r2orm's work in Micrometer: {@code r2orm.statements} (a timer per statement, tagged with
 * the operation, the table and the outcome) and, per relation batch of a fetch plan, {@code
 * r2orm.relation.batches} (a timer tagged with the entity and the relation) with the batch size and
 * the rows read as the distribution summaries {@code r2orm.relation.batch.size} and {@code
 * r2orm.relation.batch.rows}. The counts show an N+1 regression: batches per request stay flat as
 * rows grow. Sizes are values rather than tags, which must stay few.
 */
public final class MicrometerStatementListener implements StatementListener {
  private static final Pattern TABLE =
      Pattern.compile(
          "\\b(?:FROM|INTO|UPDATE|JOIN)\\s+(?:\"?[A-Za-z0-9_]+\"?\\.)?\"?([A-Za-z0-9_]+)\"?",
          Pattern.CASE_INSENSITIVE);
  private static final int MAX_SHAPES = 2000;
  private final MeterRegistry registry;
  private final Map<String, Tags> shapes = new ConcurrentHashMap<>();

  public MicrometerStatementListener(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void onStatement(StatementEvent event) {
    Tags tags = shapes.get(event.sql());
    if (tags == null) {
      tags = describe(event.sql());
      if (shapes.size() < MAX_SHAPES) {
        shapes.put(event.sql(), tags);
      }
    }
    Timer.builder("r2orm.statements")
        .description("Statements run by r2orm")
        .tags(tags)
        .tag("outcome", event.outcome().name().toLowerCase(Locale.ROOT))
        .register(registry)
        .record(event.elapsed());
  }

  @Override
  public void onRelationBatch(RelationBatchEvent event) {
    Tags tags = Tags.of("entity", event.entity().getSimpleName(), "relation", event.relation());
    Timer.builder("r2orm.relation.batches")
        .description("Relation batches loaded by fetch plans")
        .tags(tags)
        .register(registry)
        .record(event.elapsed());
    DistributionSummary.builder("r2orm.relation.batch.size")
        .description("Parents (or keys) per relation batch")
        .tags(tags)
        .register(registry)
        .record(event.batchSize());
    DistributionSummary.builder("r2orm.relation.batch.rows")
        .description("Related rows read per relation batch")
        .tags(tags)
        .register(registry)
        .record(event.rows());
  }

  /**
   * The operation (first keyword) and the first table a statement names. A cursor's statements
   * ({@code DECLARE … CURSOR FOR select}, {@code FETCH}, {@code CLOSE}) are tagged by what they
   * are, never by the cursor's name: a select read through a cursor counts as one select of its
   * table (its DECLARE), and its FETCHes and CLOSE as {@code fetch}/{@code close} of table {@code
   * cursor}, so the number of meters stays fixed however many streams run.
   */
  static Tags describe(String sql) {
    String trimmed = sql.stripLeading();
    String upper = trimmed.toUpperCase(Locale.ROOT);
    if (upper.startsWith("DECLARE ")) {
      int select = upper.indexOf(" CURSOR FOR ");
      return select < 0
          ? Tags.of("operation", "declare", "table", "cursor")
          : describe(trimmed.substring(select + " CURSOR FOR ".length()));
    }
    if (upper.startsWith("FETCH ") || upper.startsWith("CLOSE ")) {
      return Tags.of(
          "operation", upper.substring(0, 5).toLowerCase(Locale.ROOT), "table", "cursor");
    }
    int space = trimmed.indexOf(' ');
    String operation = (space < 0 ? trimmed : trimmed.substring(0, space)).toLowerCase(Locale.ROOT);
    if (operation.equals("with")) {
      operation = trimmed.toUpperCase(Locale.ROOT).contains("INSERT INTO") ? "insert" : "select";
    }
    Matcher m = TABLE.matcher(trimmed);
    // an insert names its table after INSERT INTO, even when a WITH clause reads FROM unnest(...)
    // first
    int insert =
        operation.equals("insert") ? trimmed.toUpperCase(Locale.ROOT).indexOf("INSERT INTO") : -1;
    String table =
        (insert >= 0 ? m.find(insert) : m.find()) ? m.group(1).toLowerCase(Locale.ROOT) : "none";
    return Tags.of("operation", operation, "table", table);
  }
}
