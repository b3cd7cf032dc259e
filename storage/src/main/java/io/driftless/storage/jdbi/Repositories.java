package io.driftless.storage.jdbi;

import javax.sql.DataSource;
import org.jdbi.v3.core.Jdbi;

/** Builds the {@link Jdbi} every repository expects: instants bound as UTC timestamps. */
public final class Repositories {
  private Repositories() {}

  public static Jdbi jdbi(DataSource dataSource) {
    Jdbi jdbi = Jdbi.create(dataSource);
    Sql.install(jdbi);
    return jdbi;
  }
}
