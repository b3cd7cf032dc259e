package io.driftless.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.driftless.storage.model.AuditEntry;
import io.driftless.storage.model.AuditQuery;
import io.driftless.storage.model.AuditRecord;
import io.driftless.storage.model.Page;
import io.driftless.storage.testing.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link io.driftless.storage.jdbi.AuditLog} against a real database. */
public abstract class AuditLogContractTest extends StorageTestBase {

  @Test
  void entriesReadBackNewestFirstFilteredAndPaginated() {
    String actor = Fixtures.unique("alice");
    Instant start = Instant.parse("2026-05-01T00:00:00Z");
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      ids.add(
          storage
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
      page = storage.audit().query(query);
      page.items().forEach(r -> seen.add(r.id()));
      query = query.after(page.nextCursor());
    } while (page.nextCursor() != null);
    List<Long> newestFirst = new ArrayList<>(ids);
    java.util.Collections.reverse(newestFirst);
    assertThat(seen).containsExactlyElementsOf(newestFirst);

    AuditRecord first =
        storage
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
        storage
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
                storage
                    .audit()
                    .append(
                        new AuditEntry(
                            Instant.EPOCH, "a".repeat(300), "x", "source", "s", "", null, null)))
        .isInstanceOf(InvalidInputException.class);
  }
}
