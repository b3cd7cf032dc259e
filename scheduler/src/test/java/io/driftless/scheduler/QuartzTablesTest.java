package io.driftless.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuartzTablesTest {

  @Test
  void postgresDdlSplitsIntoCreateStatementsWithoutCommentsDropsOrCommit() {
    List<String> statements =
        QuartzTables.statements(QuartzTables.ddl(QuartzTables.Dialect.POSTGRESQL));
    assertThat(statements).hasSizeGreaterThan(20);
    assertThat(statements).noneMatch(s -> s.contains("--") || s.startsWith("DROP"));
    assertThat(statements).noneMatch(s -> s.equalsIgnoreCase("COMMIT"));
    assertThat(statements).anyMatch(s -> s.startsWith("CREATE TABLE QRTZ_TRIGGERS"));
    assertThat(statements).anyMatch(s -> s.startsWith("CREATE INDEX"));
  }

  @Test
  void h2DdlHasEveryTable() {
    List<String> statements = QuartzTables.statements(QuartzTables.ddl(QuartzTables.Dialect.H2));
    assertThat(statements.stream().filter(s -> s.startsWith("CREATE TABLE"))).hasSize(11);
  }
}
