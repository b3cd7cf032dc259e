package io.driftless.engine.port;

import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.port.query.EnvironmentQuery;
import io.driftless.engine.port.query.EnvironmentReading;
import io.driftless.engine.port.query.EnvironmentSummary;
import io.driftless.engine.port.query.Page;
import java.util.List;
import java.util.Optional;

/**
 * Registered environments as the server manages them: the engine's {@link EnvironmentStore} plus
 * registration, edits and listings with status.
 */
public interface EnvironmentCatalog extends EnvironmentStore {

  /**
   * Registers an environment. A taken name is a {@link ConflictException}, an unknown source a
   * {@link NotFoundException}, an ssh target logging in with a credential that is missing or not an
   * {@code ssh-key} an {@link InvalidInputException} on {@code target.credential} ({@link
   * CredentialStore#checkLogin}); nothing is written in any case. While the environment logs in
   * with a credential, the store keeps that credential from being removed.
   */
  EnvironmentSummary register(Environment environment);

  /** Replaces an environment's spec (checked as {@link #register} checks it); its state stays. */
  EnvironmentSummary update(Environment environment);

  /** Removes an environment with its runs, snapshots and inventory. */
  void delete(EnvironmentName name);

  Optional<EnvironmentSummary> view(EnvironmentName name);

  /** Environments with their status and last run, by name, filtered and paginated. */
  Page<EnvironmentSummary> list(EnvironmentQuery query);

  /** Every environment's managed resources and last success, for metrics. */
  List<EnvironmentReading> readings();
}
