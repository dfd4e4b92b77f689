package io.r2orm.examples.store.web;

import static io.r2orm.core.query.Functions.coalesce;
import static io.r2orm.core.query.Functions.countDistinct;
import static io.r2orm.core.query.Functions.sum;

import io.r2orm.core.query.Computed;
import io.r2orm.examples.store.model.Genre;
import io.r2orm.examples.store.model.Genre_;
import io.r2orm.examples.store.model.InvoiceLine_;
import io.r2orm.examples.store.model.Track_;
import io.r2orm.examples.store.web.Views.GenreStats;
import io.r2orm.r2dbc.Database;
import java.math.BigDecimal;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** Sales statistics. */
@RestController
@RequestMapping("/api/stats")
public class StatsController {
  private final Database db;

  public StatsController(Database db) {
    this.db = db;
  }

  /**
   * {@code GET /api/stats/genres}: per genre, the number of tracks and the revenue of their invoice
   * lines (unit price × quantity), highest revenue first — one aggregate query with outer joins, so
   * a genre without tracks or sales shows with zeros.
   */
  @GetMapping("/genres")
  public Mono<List<GenreStats>> genres() {
    Computed<BigDecimal> revenue =
        coalesce(sum(InvoiceLine_.UNIT_PRICE.times(InvoiceLine_.QUANTITY)), BigDecimal.ZERO);
    return db.select(Genre_.ID, Genre_.NAME, countDistinct(Track_.ID), revenue)
        .from(Genre.class)
        .leftJoin(Genre_.TRACKS)
        .leftJoin(Track_.INVOICE_LINES)
        .groupBy(Genre_.ID, Genre_.NAME)
        .orderBy(revenue.desc(), Genre_.NAME.asc())
        .into(GenreStats.class)
        .all()
        .collectList();
  }
}
