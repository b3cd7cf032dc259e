package io.driftless.engine.port.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.engine.port.InvalidInputException;
import io.driftless.engine.port.query.AuditEntry;
import io.driftless.engine.port.query.AuditQuery;
import io.driftless.engine.port.query.AuditRecord;
import io.driftless.engine.port.query.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link io.driftless.engine.port.AuditTrail}, for every store that implements it.
 */
public abstract class AuditTrailContract extends StoresContract {

  @Test
  void entriesReadBackNewestFirstFilteredAndPaginated() {
    String actor = Fixtures.unique("alice");
    Instant start = Instant.parse("2026-05-01T00:00:00Z");
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(
          stores
              .audit()
              .append(
                  new AuditEntry(
                      start.plus(Duration.ofMinutes(i)),
                      actor,
                      i % 2 == 0 ? "environment.sync" : "environment.suspend",
                      "environment",
                      "web-" + (i % 3),
                      "reason " + i,
                      i == 0 ? null : "{\"suspended\":false}",
                      "{\"suspended\":true}")));
    }

    List<Long> seen = new ArrayList<>();
    AuditQuery query = new AuditQuery(actor, null, null, null, null, null, null, 3);
    Page<AuditRecord> page;
    do {
      page = stores.audit().query(query);
      page.items().forEach(r -> seen.add(r.id()));
      query = query.after(page.nextCursor());
    } while (page.nextCursor() != null);
    List<Long> newestFirst = new ArrayList<>(ids);
    java.util.Collections.reverse(newestFirst);
    assertThat(seen).containsExactlyElementsOf(newestFirst);

    AuditRecord first =
        stores
            .audit()
            .query(
                new AuditQuery(
                    actor, "environment.sync", "environment", "web-0", null, null, null, 10))
            .items()
            .get(1);
    assertThat(first.entry())
        .isEqualTo(
            new AuditEntry(
                start,
                actor,
                "environment.sync",
                "environment",
                "web-0",
                "reason 0",
                null,
                "{\"suspended\":true}"));

    List<AuditRecord> window =
        stores
            .audit()
            .query(
                new AuditQuery(
                    actor,
                    null,
                    null,
                    null,
                    start.plus(Duration.ofMinutes(2)),
                    start.plus(Duration.ofMinutes(4)),
                    null,
                    10))
            .items();
    assertThat(window).extracting(r -> r.entry().reason()).containsExactly("reason 3", "reason 2");
  }

  @Test
  void tooLongFieldsAreInvalidInput() {
    assertThatThrownBy(
            () ->
                stores
                    .audit()
                    .append(
                        new AuditEntry(
                            Instant.EPOCH, "a".repeat(300), "x", "source", "s", "", null, null)))
        .isInstanceOf(InvalidInputException.class);
  }
}
