package io.driftless.storage;

import javax.sql.DataSource;

/**
 * The storage's connection pool as the composition root lends it out of storage, to the only two
 * users that need it itself: Quartz's job store (the scheduler's connection provider and its
 * tables) and the pool metrics. Everything else reaches the database through {@link
 * Storage#stores()}; {@link Storage} keeps its pool and its Jdbi to itself.
 */
public final class LentPool {
  private final DataSource dataSource;

  LentPool(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The pool; closing it is {@link Storage#close()}'s job, not the borrower's. */
  public DataSource dataSource() {
    return dataSource;
  }
}
