package io.r2orm.core.internal.render;

import static io.r2orm.core.internal.render.FetchRenderingTest.fetch;
import static io.r2orm.core.internal.render.FetchRenderingTest.ids;
import static io.r2orm.core.internal.render.FetchRenderingTest.relation;
import static io.r2orm.core.internal.render.Golden.bind;
import static io.r2orm.core.internal.render.Golden.rendersOn;
import static io.r2orm.core.internal.render.Golden.rendersOnBoth;
import static io.r2orm.core.internal.render.QueryFixtures.query;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.r2orm.core.annotation.Embedded;
import io.r2orm.core.annotation.Id;
import io.r2orm.core.annotation.ManyToOne;
import io.r2orm.core.annotation.OneToMany;
import io.r2orm.core.annotation.Table;
import io.r2orm.core.exception.QueryBuildException;
import io.r2orm.core.query.FetchOptions;
import io.r2orm.core.query.Property;
import io.r2orm.core.query.Ref;
import io.r2orm.core.query.Relation;
import io.r2orm.core.query.Select;
import io.r2orm.core.query.Subquery;
import io.r2orm.core.query.TableRef;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Relations whose foreign key has several columns (issue #12): batched fetches bind each key part
 * as one array and compare rows of columns with {@code UNNEST} of them, joins compare every pair,
 * and conditions on the relation compare every column.
 */
class CompositeForeignKeyRenderingTest {

  record ClientKey(Long tenantId, Long id) {}

  @Table("client")
  record Client(
      @Id @Embedded ClientKey id,
      String name,
      @OneToMany(mappedBy = "client", orderBy = "total DESC") List<Invoice> invoices) {}

  record InvoiceKey(Long tenantId, Long id) {}

  @Table("invoice")
  record Invoice(
      @Id @Embedded InvoiceKey id,
      @ManyToOne(columns = {"tenant_id", "client_id"}) Ref<Client> client,
      Long total) {}

  private static final String INVOICE_COLUMNS = "tenant_id, id, tenant_id, client_id, total";
  private static final Relation<Invoice, Client> INVOICE_CLIENT =
      Relation.toOne(Invoice.class, "client", Client.class);

  @Test
  void targetsAreSelectedByRowsOfTheirKeyColumnsFromOneArrayPerColumn() {
    List<Object> keys = ids(new ClientKey(1L, 7L), new ClientKey(2L, 7L));
    rendersOn(
        Golden.POSTGRES,
        fetch(f -> f.targetsById(relation(Invoice.class, "client"), keys)),
        "SELECT tenant_id, id, name FROM client WHERE (tenant_id, id) IN"
            + " (SELECT * FROM UNNEST(CAST($1 AS bigint[]), CAST($2 AS bigint[])))",
        bind(new Long[] {1L, 2L}, Long[].class),
        bind(new Long[] {7L, 7L}, Long[].class));
    rendersOn(
        Golden.H2,
        fetch(f -> f.targetsById(relation(Invoice.class, "client"), keys)),
        "SELECT tenant_id, id, name FROM client WHERE (tenant_id, id) IN"
            + " (SELECT * FROM UNNEST(CAST($1 AS BIGINT ARRAY), CAST($2 AS BIGINT ARRAY)))",
        bind(new Long[] {1L, 2L}, Long[].class),
        bind(new Long[] {7L, 7L}, Long[].class));
  }

  @Test
  void childrenAreSelectedByTheirForeignKeyColumnsAndRankedWithinThem() {
    List<Object> keys = ids(new ClientKey(1L, 7L));
    rendersOn(
        Golden.POSTGRES,
        fetch(f -> f.children(relation(Client.class, "invoices"), keys, FetchOptions.DEFAULT)),
        "SELECT "
            + INVOICE_COLUMNS
            + " FROM invoice WHERE (tenant_id, client_id) IN (SELECT * FROM UNNEST(CAST($1 AS"
            + " bigint[]), CAST($2 AS bigint[]))) ORDER BY total DESC, tenant_id ASC, id ASC",
        bind(new Long[] {1L}, Long[].class),
        bind(new Long[] {7L}, Long[].class));
    rendersOn(
        Golden.POSTGRES,
        fetch(
            f ->
                f.children(
                    relation(Client.class, "invoices"),
                    keys,
                    new FetchOptions(null, List.of(), 2, FetchOptions.Strategy.SELECT_IN))),
        "SELECT "
            + INVOICE_COLUMNS
            + " FROM (SELECT tenant_id, id, client_id, total, ROW_NUMBER() OVER (PARTITION BY"
            + " tenant_id, client_id ORDER BY total DESC, tenant_id ASC, id ASC) AS r2orm_rank"
            + " FROM invoice WHERE (tenant_id, client_id) IN (SELECT * FROM UNNEST(CAST($1 AS"
            + " bigint[]), CAST($2 AS bigint[])))) ranked WHERE r2orm_rank <= $3 ORDER BY total"
            + " DESC, tenant_id ASC, id ASC",
        bind(new Long[] {1L}, Long[].class),
        bind(new Long[] {7L}, Long[].class),
        bind(2L, Long.class));
  }

  @Test
  void aJoinedFetchAndARelationJoinCompareEveryKeyColumn() {
    rendersOnBoth(
        fetch(
            f ->
                f.selectJoined(
                    Select.from(Invoice.class), List.of(relation(Invoice.class, "client")))),
        "SELECT p.tenant_id, p.id, p.tenant_id, p.client_id, p.total, j1.tenant_id, j1.id,"
            + " j1.name FROM invoice p LEFT JOIN client j1 ON j1.tenant_id = p.tenant_id AND"
            + " j1.id = p.client_id");
    rendersOnBoth(
        query(Subquery.select(TableRef.of(Invoice.class)).from(Invoice.class).join(INVOICE_CLIENT)),
        "SELECT invoice.tenant_id, invoice.id, invoice.tenant_id, invoice.client_id,"
            + " invoice.total FROM invoice JOIN client ON client.tenant_id = invoice.tenant_id"
            + " AND client.id = invoice.client_id");
    rendersOnBoth(
        query(
            Subquery.select(TableRef.of(Client.class))
                .from(Client.class)
                .join(Relation.toMany(Client.class, "invoices", Invoice.class))),
        "SELECT client.tenant_id, client.id, client.name FROM client JOIN invoice ON"
            + " invoice.tenant_id = client.tenant_id AND invoice.client_id = client.id");
  }

  @Test
  void conditionsOnTheRelationCompareEveryColumn() {
    rendersOnBoth(
        r -> r.select(Select.from(Invoice.class).where(INVOICE_CLIENT.idEq(new ClientKey(1L, 7L)))),
        "SELECT " + INVOICE_COLUMNS + " FROM invoice WHERE tenant_id = $1 AND client_id = $2",
        bind(1L, Long.class),
        bind(7L, Long.class));
    rendersOnBoth(
        r ->
            r.select(
                Select.from(Invoice.class)
                    .where(
                        INVOICE_CLIENT.idIn(
                            List.of(Ref.to(new ClientKey(1L, 7L)), new ClientKey(2L, 8L))))),
        "SELECT "
            + INVOICE_COLUMNS
            + " FROM invoice WHERE (tenant_id = $1 AND client_id = $2) OR (tenant_id = $3 AND"
            + " client_id = $4)",
        bind(1L, Long.class),
        bind(7L, Long.class),
        bind(2L, Long.class),
        bind(8L, Long.class));
    rendersOnBoth(
        r -> r.select(Select.from(Invoice.class).where(INVOICE_CLIENT.isNull())),
        "SELECT " + INVOICE_COLUMNS + " FROM invoice WHERE tenant_id IS NULL OR client_id IS NULL");
    rendersOnBoth(
        r -> r.select(Select.from(Invoice.class).where(INVOICE_CLIENT.isNotNull())),
        "SELECT "
            + INVOICE_COLUMNS
            + " FROM invoice WHERE tenant_id IS NOT NULL AND client_id IS NOT NULL");
    rendersOnBoth(
        r ->
            r.select(
                Select.from(Invoice.class).where(INVOICE_CLIENT.idEq(new ClientKey(3L, 4L)).not())),
        "SELECT " + INVOICE_COLUMNS + " FROM invoice WHERE NOT (tenant_id = $1 AND client_id = $2)",
        bind(3L, Long.class),
        bind(4L, Long.class));
  }

  @Test
  void conditionsAKeyOfSeveralColumnsCannotTakeAreRefusedNamingTheColumns() {
    assertThatThrownBy(
            () -> Golden.POSTGRES.select(Select.from(Invoice.class).where(INVOICE_CLIENT.idEq(7L))))
        .isInstanceOf(QueryBuildException.class)
        .hasMessageContaining("Invoice.client refers to the composite key of Client")
        .hasMessageContaining("ClientKey");
    assertThatThrownBy(
            () ->
                Golden.POSTGRES.select(
                    Select.from(Invoice.class)
                        .where(
                            INVOICE_CLIENT.idIn(
                                Subquery.select(Property.of(Client.class, "id.id", Long.class))
                                    .from(Client.class)))))
        .isInstanceOf(QueryBuildException.class)
        .hasMessageContaining(
            "Invoice.client refers to Client by the columns [tenant_id, client_id]");
  }
}
