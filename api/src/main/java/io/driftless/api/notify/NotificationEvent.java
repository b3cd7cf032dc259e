package io.driftless.api.notify;

import io.driftless.engine.domain.EnvironmentName;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Something about an environment worth telling people.
 *
 * @param run the run it is about; null when there is none (drift seen by a check, an unpin)
 * @param revision null when unknown
 * @param status the run's status in lower case; null when the event is not about a run
 * @param actor who did it: a person for rollback and unpin, else the run's trigger actor
 * @param reason why: the person's reason, or the error of a failed run
 * @param drifted the resources that drifted, for {@link Kind#DRIFT_DETECTED}
 */
public record NotificationEvent(
    Kind kind,
    EnvironmentName environment,
    Long run,
    String revision,
    String status,
    String trigger,
    String actor,
    String reason,
    Instant at,
    List<String> drifted) {

  /** The events, by the names targets subscribe to. */
  public enum Kind {
    RUN_FAILED("run.failed", "run failed"),
    RUN_RECOVERED("run.recovered", "recovered after a failed run"),
    DRIFT_DETECTED("drift.detected", "drift detected"),
    ROLLBACK("environment.rollback", "rolled back"),
    UNPIN("environment.unpin", "unpinned"),
    AUTO_ROLLBACK("rollback.automatic", "rolled back automatically");

    private final String wireName;
    private final String headline;

    Kind(String wireName, String headline) {
      this.wireName = wireName;
      this.headline = headline;
    }

    public String wireName() {
      return wireName;
    }

    public String headline() {
      return headline;
    }

    public static Optional<Kind> byName(String name) {
      return Arrays.stream(values()).filter(k -> k.wireName.equals(name)).findFirst();
    }

    /** The names, for error messages and docs. */
    public static List<String> names() {
      return Arrays.stream(values()).map(Kind::wireName).toList();
    }
  }

  public NotificationEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(at, "at");
    drifted = drifted == null ? List.of() : List.copyOf(drifted);
  }
}
