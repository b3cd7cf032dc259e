package io.driftless.api.architecture;

import io.driftless.storage.jdbi.RunRepository;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Deliberately wrong, in the test sources only: an API class that holds a storage class and runs
 * SQL. {@link ArchitectureRulesTest} shows the rules catch it.
 */
final class StorageReachingService {
  private final RunRepository runs;
  private final DataSource dataSource;

  StorageReachingService(RunRepository runs, DataSource dataSource) {
    this.runs = runs;
    this.dataSource = dataSource;
  }

  boolean answers() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return c.isValid(1) && runs != null;
    }
  }
}
