package io.r2orm.examples.store.web;

import io.r2orm.examples.store.model.Customer;
import io.r2orm.examples.store.model.Customer_;
import io.r2orm.examples.store.model.Invoice;
import io.r2orm.examples.store.model.InvoiceLine_;
import io.r2orm.examples.store.model.Invoice_;
import io.r2orm.examples.store.web.Views.InvoiceView;
import io.r2orm.r2dbc.Database;
import io.r2orm.r2dbc.SelectQuery;
import java.util.List;
import java.util.Set;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/** A customer's invoices, with their lines and the lines' tracks on request. */
@RestController
@RequestMapping("/api/customers")
public class CustomerController {
  private static final List<String> INCLUDES = List.of("lines", "lines.track");
  private final Database db;

  public CustomerController(Database db) {
    this.db = db;
  }

  /**
   * {@code GET /api/customers/{id}/invoices?include=lines,lines.track}: the invoices, newest first;
   * 404 for an unknown customer.
   */
  @GetMapping("/{id}/invoices")
  public Mono<List<InvoiceView>> invoices(
      @PathVariable long id, @RequestParam(required = false) String include) {
    Set<String> includes = Params.includes(include, INCLUDES);
    boolean lines = includes.contains("lines");
    boolean tracks = includes.contains("lines.track");
    SelectQuery<Invoice> query =
        db.select(Invoice.class)
            .where(Invoice_.CUSTOMER.idEq(id))
            .orderBy(Invoice_.ISSUED_ON.desc(), Invoice_.ID.desc());
    if (tracks) {
      query = query.fetch(Invoice_.LINES.then(InvoiceLine_.TRACK));
    } else if (lines) {
      query = query.fetch(Invoice_.LINES);
    }
    SelectQuery<Invoice> invoices = query;
    return db.select(Customer.class)
        .where(Customer_.ID.eq(id))
        .exists()
        .flatMap(
            exists ->
                exists
                    ? invoices.all().map(i -> Views.invoice(i, lines, tracks)).collectList()
                    : Mono.error(ApiException.notFound("customer", id)));
  }
}
