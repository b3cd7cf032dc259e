package io.driftless.storage.jdbi;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.port.NotificationTargets;
import io.driftless.engine.port.query.NotificationTarget;
import io.driftless.storage.crypto.SecretCipher;
import java.util.List;
import java.util.Objects;
import org.jdbi.v3.core.Jdbi;

/**
 * The notification targets of each environment, encrypted at rest; reads of environments show their
 * summaries. A change bumps the environment's spec version, so every replica's cached spec sees it.
 */
public final class EnvironmentNotifications implements NotificationTargets {
  /** How many targets one environment may have. */
  private final Jdbi jdbi;

  private final SecretCipher cipher;

  public EnvironmentNotifications(Jdbi jdbi, SecretCipher cipher) {
    this.jdbi = Objects.requireNonNull(jdbi);
    this.cipher = Objects.requireNonNull(cipher);
  }

  /** Replaces an environment's targets; an empty list removes them. */
  public void replace(EnvironmentName environment, List<NotificationTarget> targets) {
    if (targets.size() > MAX_TARGETS) {
      throw new io.driftless.engine.port.InvalidInputException(
          "an environment has at most " + MAX_TARGETS + " notification targets",
          java.util.Map.of("field", "notifications"));
    }
    jdbi.useTransaction(
        h -> {
          long id = Sql.environmentId(h, environment.value());
          h.createUpdate("DELETE FROM environment_notifications WHERE environment_id = :id")
              .bind("id", id)
              .execute();
          if (!targets.isEmpty()) {
            h.createUpdate(
                    "INSERT INTO environment_notifications (environment_id, summary_json,"
                        + " targets_secret) VALUES (:id, :summary, :secret)")
                .bind("id", id)
                .bind(
                    "summary",
                    Json.notificationSummaries(
                        targets.stream().map(NotificationTarget::summary).toList()))
                .bind(
                    "secret",
                    cipher.encrypt(Json.notificationTargets(targets), purpose(environment)))
                .execute();
          }
          h.createUpdate("UPDATE environments SET spec_version = spec_version + 1 WHERE id = :id")
              .bind("id", id)
              .execute();
        });
  }

  /** An environment's targets, decrypted; empty when it has none or does not exist. */
  public List<NotificationTarget> targets(EnvironmentName environment) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT n.targets_secret FROM environment_notifications n JOIN environments e"
                        + " ON e.id = n.environment_id WHERE e.name = :name")
                .bind("name", environment.value())
                .mapTo(String.class)
                .findOne()
                .map(
                    secret ->
                        Json.notificationTargets(cipher.decrypt(secret, purpose(environment))))
                .orElse(List.of()));
  }

  private static String purpose(EnvironmentName environment) {
    return "environment:" + environment.value() + ":notifications";
  }
}
