package io.driftless.scheduler;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.SyncPolicy.SyncWindow;
import io.driftless.engine.domain.Trigger;
import io.driftless.engine.domain.TriggerType;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.quartz.JobDataMap;
import org.quartz.JobExecutionContext;

/**
 * One fire of an environment's job: which environment, why, with which options, for which queued
 * run, and when Quartz meant to fire it. Its request part travels in the trigger's JobDataMap as
 * strings ({@code useProperties}), so nothing Java-serialized is stored.
 *
 * @param run the queued run this fire fulfils; null for a scheduled check
 * @param attempt how many retries came before this fire (0 for the first)
 * @param busy how many times this request already found the environment locked
 * @param windows the environment's sync windows, stored with its job
 * @param recovering Quartz fires it again because the node that ran it died
 * @param triggerKey {@code group.name} of the Quartz trigger, for logs and de-duplication
 */
record Firing(
    EnvironmentName environment,
    Trigger trigger,
    SyncOptions options,
    RunId run,
    int attempt,
    int busy,
    List<SyncWindow> windows,
    boolean recovering,
    String triggerKey,
    Instant scheduledFireTime,
    Instant fireTime) {

  static final String ENVIRONMENT = "environment";
  static final String WINDOWS = "windows";
  private static final String TYPE = "trigger.type";
  private static final String ACTOR = "trigger.actor";
  private static final String REASON = "trigger.reason";
  private static final String RUN = "run";
  static final String REVISION = "options.revision";
  private static final String DRY_RUN = "options.dryRun";
  private static final String PRUNE = "options.prune";
  private static final String FORCE = "options.force";
  private static final String ATTEMPT = "attempt";
  private static final String BUSY = "busy";

  Firing {
    Objects.requireNonNull(environment, "environment");
    Objects.requireNonNull(trigger, "trigger");
    options = options == null ? SyncOptions.defaults() : options;
    windows = windows == null ? List.of() : List.copyOf(windows);
    triggerKey = triggerKey == null ? "" : triggerKey;
  }

  static Firing from(JobExecutionContext context) {
    JobDataMap data = context.getMergedJobDataMap();
    String type = data.getString(TYPE);
    Trigger trigger =
        type == null
            ? Trigger.schedule()
            : new Trigger(TriggerType.valueOf(type), data.getString(ACTOR), data.getString(REASON));
    String prune = data.getString(PRUNE);
    SyncOptions options =
        new SyncOptions(
            data.getString(REVISION),
            Boolean.parseBoolean(data.getString(DRY_RUN)),
            prune == null ? null : Boolean.valueOf(prune),
            Boolean.parseBoolean(data.getString(FORCE)));
    String run = data.getString(RUN);
    return new Firing(
        EnvironmentName.of(data.getString(ENVIRONMENT)),
        trigger,
        options,
        run == null ? null : RunId.of(Long.parseLong(run)),
        intOf(data.getString(ATTEMPT)),
        intOf(data.getString(BUSY)),
        decodeWindows(data.getString(WINDOWS)),
        context.isRecovering(),
        context.getTrigger().getKey().toString(),
        instantOf(context.getScheduledFireTime()),
        instantOf(context.getFireTime()));
  }

  /** The request part, for the JobDataMap of a one-shot trigger that fires it again. */
  JobDataMap requestData() {
    return requestData(trigger, options, run, attempt, busy);
  }

  static JobDataMap requestData(
      Trigger trigger, SyncOptions options, RunId run, int attempt, int busy) {
    JobDataMap data = new JobDataMap();
    data.put(TYPE, trigger.type().name());
    data.put(ACTOR, trigger.actor());
    data.put(REASON, trigger.reason());
    if (run != null) {
      data.put(RUN, run.toString());
    }
    if (options.revision() != null) {
      data.put(REVISION, options.revision());
    }
    data.put(DRY_RUN, Boolean.toString(options.dryRun()));
    if (options.prune() != null) {
      data.put(PRUNE, options.prune().toString());
    }
    data.put(FORCE, Boolean.toString(options.force()));
    data.put(ATTEMPT, Integer.toString(attempt));
    data.put(BUSY, Integer.toString(busy));
    return data;
  }

  /** The queued run and options stored on a request trigger. */
  static RunId runOf(JobDataMap data) {
    String run = data.getString(RUN);
    return run == null ? null : RunId.of(Long.parseLong(run));
  }

  static SyncOptions optionsOf(JobDataMap data) {
    String prune = data.getString(PRUNE);
    return new SyncOptions(
        data.getString(REVISION),
        Boolean.parseBoolean(data.getString(DRY_RUN)),
        prune == null ? null : Boolean.valueOf(prune),
        Boolean.parseBoolean(data.getString(FORCE)));
  }

  Firing withRequest(Trigger trigger, RunId run) {
    return new Firing(
        environment,
        trigger,
        options,
        run,
        attempt,
        busy,
        windows,
        recovering,
        triggerKey,
        scheduledFireTime,
        fireTime);
  }

  /** A retry fire: a new run, one attempt further, with the same options. */
  Firing nextAttempt(Trigger retry) {
    return new Firing(
        environment, retry, options, null, attempt + 1, 0, windows, false, "", null, null);
  }

  Firing nextBusy() {
    return new Firing(
        environment, trigger, options, run, attempt, busy + 1, windows, false, "", null, null);
  }

  /** Lag between when Quartz meant to fire and when it fired; zero when unknown. */
  Duration lag() {
    if (scheduledFireTime == null || fireTime == null) {
      return Duration.ZERO;
    }
    Duration lag = Duration.between(scheduledFireTime, fireTime);
    return lag.isNegative() ? Duration.ZERO : lag;
  }

  String triggerGroup() {
    int dot = triggerKey.indexOf('.');
    return dot < 0 ? triggerKey : triggerKey.substring(0, dot);
  }

  static String encodeWindows(List<SyncWindow> windows) {
    StringBuilder s = new StringBuilder();
    for (SyncWindow w : windows) {
      if (w.cron().contains("\t") || w.cron().contains("\n")) {
        throw new IllegalArgumentException("sync window cron must be on one line: " + w.cron());
      }
      s.append(w.kind())
          .append('\t')
          .append(w.cron())
          .append('\t')
          .append(w.duration())
          .append('\t')
          .append(w.timeZone().getId())
          .append('\n');
    }
    return s.toString();
  }

  static List<SyncWindow> decodeWindows(String encoded) {
    if (encoded == null || encoded.isEmpty()) {
      return List.of();
    }
    List<SyncWindow> windows = new ArrayList<>();
    for (String line : encoded.split("\n")) {
      if (line.isEmpty()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      windows.add(
          new SyncWindow(
              SyncWindow.Kind.valueOf(f[0]), f[1], Duration.parse(f[2]), ZoneId.of(f[3])));
    }
    return windows;
  }

  private static int intOf(String value) {
    return value == null ? 0 : Integer.parseInt(value);
  }

  private static Instant instantOf(java.util.Date date) {
    return date == null ? null : date.toInstant();
  }
}
