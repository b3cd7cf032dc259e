package io.driftless.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.driftless.scheduler.testing.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
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

  /**
   * Quartz looks for the next triggers to fire by state and fire time; on H2 without an index each
   * look read every trigger, which at 10,000 environments cost most of the scheduler's CPU.
   */
  @Test
  void onH2TheTriggersAreIndexedByStateAndNextFireTimeAsOnPostgres() throws Exception {
    try (HikariDataSource dataSource = TestDatabases.h2Memory()) {
      assertThat(QuartzTables.migrate(dataSource)).isEqualTo(2);
      assertThat(QuartzTables.migrate(dataSource)).isZero();
      try (Connection c = dataSource.getConnection();
          ResultSet columns =
              c.createStatement()
                  .executeQuery(
                      "SELECT COLUMN_NAME FROM INFORMATION_SCHEMA.INDEX_COLUMNS"
                          + " WHERE INDEX_NAME = 'IDX_QRTZ_T_NFT_ST' ORDER BY ORDINAL_POSITION")) {
        List<String> names = new java.util.ArrayList<>();
        while (columns.next()) {
          names.add(columns.getString(1));
        }
        assertThat(names).containsExactly("SCHED_NAME", "TRIGGER_STATE", "NEXT_FIRE_TIME");
      }
    }
    assertThat(
            QuartzTables.statements(QuartzTables.ddl(QuartzTables.Dialect.POSTGRESQL)).stream()
                .map(s -> s.replaceAll("\\s+", " ")))
        .contains(
            "CREATE INDEX IDX_QRTZ_T_NFT_ST ON QRTZ_TRIGGERS (SCHED_NAME, TRIGGER_STATE, NEXT_FIRE_TIME)");
  }
}
