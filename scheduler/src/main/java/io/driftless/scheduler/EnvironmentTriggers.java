package io.driftless.scheduler;

import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.RunId;
import io.driftless.engine.domain.SyncOptions;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.SyncPolicy.Schedule;
import io.driftless.engine.domain.Trigger;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.TimeZone;
import java.util.UUID;
import org.quartz.CronExpression;
import org.quartz.CronScheduleBuilder;
import org.quartz.CronTrigger;
import org.quartz.JobBuilder;
import org.quartz.JobDataMap;
import org.quartz.JobDetail;
import org.quartz.JobKey;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.SimpleTrigger;
import org.quartz.TriggerBuilder;
import org.quartz.TriggerKey;

/**
 * The Quartz side of an environment: one durable job, its schedule trigger, and one-shot triggers
 * for requests, retries and deferred fires. Trigger groups say what a trigger is for, so metrics
 * and logs can tell them apart.
 */
final class EnvironmentTriggers {
  static final String JOB_GROUP = "environments";
  static final String SCHEDULE = "schedule";
  static final String REQUEST = "request";
  static final String RETRY = "retry";
  static final String DEFERRED = "deferred";

  /**
   * At most this share of the interval is added as a phase offset: all of it, so that 10,000
   * environments on one interval fire evenly across it. Packed into a tenth (as before), each
   * interval began with a burst Quartz could not fire in time: the due triggers piled up, every
   * look for the next ones sorted the pile, and late fires misfired and were skipped.
   */
  static final double JITTER = 1.0;

  private final Scheduler quartz;
  private final Duration defaultInterval;

  EnvironmentTriggers(Scheduler quartz, Duration defaultInterval) {
    this.quartz = quartz;
    this.defaultInterval = defaultInterval;
  }

  static JobKey jobKey(EnvironmentName environment) {
    return JobKey.jobKey(environment.value(), JOB_GROUP);
  }

  /** Creates or updates the job and its schedule; an unchanged schedule keeps its phase. */
  void put(EnvironmentName environment, SyncPolicy policy) throws SchedulerException {
    SyncWindows.validate(policy.windows());
    validate(policy.schedule());
    JobDataMap data = new JobDataMap();
    data.put(Firing.ENVIRONMENT, environment.value());
    data.put(Firing.WINDOWS, Firing.encodeWindows(policy.windows()));
    JobDetail job =
        JobBuilder.newJob(EnvironmentJob.class)
            .withIdentity(jobKey(environment))
            .usingJobData(data)
            .storeDurably()
            // Fired again on another node when the node running it dies.
            .requestRecovery()
            .build();
    quartz.addJob(job, true);

    TriggerKey key = TriggerKey.triggerKey(environment.value(), SCHEDULE);
    org.quartz.Trigger current = quartz.getTrigger(key);
    Schedule schedule = policy.schedule();
    if (current != null && sameSchedule(current, schedule)) {
      return;
    }
    org.quartz.Trigger trigger = scheduleTrigger(environment, schedule, key);
    if (current == null) {
      try {
        quartz.scheduleJob(trigger);
      } catch (ObjectAlreadyExistsException e) {
        // Another node stored it meanwhile (replicas scheduling the same environments at once).
        current = quartz.getTrigger(key);
        if (current != null && !sameSchedule(current, schedule)) {
          quartz.rescheduleJob(key, trigger);
        }
      }
    } else {
      quartz.rescheduleJob(key, trigger);
    }
  }

  boolean remove(EnvironmentName environment) throws SchedulerException {
    return quartz.deleteJob(jobKey(environment));
  }

  boolean exists(EnvironmentName environment) throws SchedulerException {
    return quartz.checkExists(jobKey(environment));
  }

  /**
   * The request trigger of the environment that has not fired yet and asks for the same kind of run
   * (dry run, prune and force alike); null when there is none. A fired trigger stays stored,
   * COMPLETE, while its job runs: that one is not waiting.
   */
  org.quartz.Trigger waitingRequest(EnvironmentName environment, SyncOptions options)
      throws SchedulerException {
    for (org.quartz.Trigger t : quartz.getTriggersOfJob(jobKey(environment))) {
      if (!t.getKey().getGroup().equals(REQUEST)) {
        continue;
      }
      org.quartz.Trigger.TriggerState state = quartz.getTriggerState(t.getKey());
      boolean waiting =
          state == org.quartz.Trigger.TriggerState.NORMAL
              || state == org.quartz.Trigger.TriggerState.BLOCKED
              || state == org.quartz.Trigger.TriggerState.PAUSED;
      SyncOptions waitingOptions = Firing.optionsOf(t.getJobDataMap());
      if (waiting
          && waitingOptions.dryRun() == options.dryRun()
          && waitingOptions.force() == options.force()
          && Objects.equals(waitingOptions.prune(), options.prune())) {
        return t;
      }
    }
    return null;
  }

  /** Replaces a waiting request's revision with a newer one; false when it fired meanwhile. */
  boolean updateRevision(org.quartz.Trigger waiting, String revision) throws SchedulerException {
    // The builder keeps the trigger's key, data and start time; only the revision changes.
    org.quartz.Trigger replacement =
        waiting.getTriggerBuilder().usingJobData(Firing.REVISION, revision).build();
    return quartz.rescheduleJob(waiting.getKey(), replacement) != null;
  }

  void request(EnvironmentName environment, RunId run, Trigger trigger, SyncOptions options)
      throws SchedulerException {
    quartz.scheduleJob(
        oneShot(
            environment,
            TriggerKey.triggerKey(environment.value() + "." + run, REQUEST),
            Firing.requestData(trigger, options, run, 0, 0),
            Instant.now()));
  }

  /** Fires {@code firing}'s request again at {@code at}, in {@code group}. */
  void later(Firing firing, String group, Instant at) throws SchedulerException {
    TriggerKey key =
        TriggerKey.triggerKey(environmentKey(firing.environment()) + UUID.randomUUID(), group);
    quartz.scheduleJob(oneShot(firing.environment(), key, firing.requestData(), at));
  }

  boolean hasPendingRetry(EnvironmentName environment, String except) throws SchedulerException {
    for (org.quartz.Trigger t : quartz.getTriggersOfJob(jobKey(environment))) {
      if (t.getKey().getGroup().equals(RETRY)
          && !t.getKey().toString().equals(except)
          && quartz.getTriggerState(t.getKey()) != org.quartz.Trigger.TriggerState.COMPLETE) {
        return true;
      }
    }
    return false;
  }

  /** Drops pending retries: a newer request or a successful check supersedes them. */
  int cancelRetries(EnvironmentName environment, String except) throws SchedulerException {
    List<TriggerKey> retries = new ArrayList<>();
    for (org.quartz.Trigger t : quartz.getTriggersOfJob(jobKey(environment))) {
      if (t.getKey().getGroup().equals(RETRY) && !t.getKey().toString().equals(except)) {
        retries.add(t.getKey());
      }
    }
    if (retries.isEmpty()) {
      return 0;
    }
    quartz.unscheduleJobs(retries);
    return retries.size();
  }

  org.quartz.Trigger scheduleTrigger(EnvironmentName environment, Schedule schedule, TriggerKey key)
      throws SchedulerException {
    TriggerBuilder<org.quartz.Trigger> builder =
        TriggerBuilder.newTrigger().withIdentity(key).forJob(jobKey(environment));
    if (schedule instanceof Schedule.Cron cron) {
      return builder
          .withSchedule(
              CronScheduleBuilder.cronSchedule(cron.expression())
                  .inTimeZone(TimeZone.getTimeZone(cron.timeZone()))
                  // After downtime: one catch-up check now, then on schedule.
                  .withMisfireHandlingInstructionFireAndProceed())
          .startNow()
          .build();
    }
    Duration every =
        schedule instanceof Schedule.Interval interval ? interval.every() : defaultInterval;
    return builder
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule()
                .withIntervalInMilliseconds(every.toMillis())
                .repeatForever()
                // After downtime: skip the missed fires, next check on the interval; no storm.
                .withMisfireHandlingInstructionNextWithRemainingCount())
        .startAt(Date.from(Instant.now().plus(jitter(environment, every))))
        .build();
  }

  /**
   * A phase offset in [0, interval), fixed per environment: environments registered together spread
   * over the interval instead of firing at once, and a restart or an unrelated update does not move
   * an environment's phase.
   */
  static Duration jitter(EnvironmentName environment, Duration every) {
    long bound = (long) (every.toMillis() * JITTER);
    if (bound <= 0) {
      return Duration.ZERO;
    }
    long hash = environment.value().hashCode() * 0x9E3779B97F4A7C15L;
    return Duration.ofMillis(Math.floorMod(hash ^ (hash >>> 29), bound));
  }

  static void validate(Schedule schedule) {
    if (schedule instanceof Schedule.Cron cron) {
      try {
        CronExpression.validateExpression(cron.expression());
      } catch (ParseException e) {
        throw new IllegalArgumentException(
            "cron '" + cron.expression() + "' is not a Quartz cron expression: " + e.getMessage(),
            e);
      }
    }
  }

  private boolean sameSchedule(org.quartz.Trigger current, Schedule schedule) {
    if (schedule instanceof Schedule.Cron cron) {
      return current instanceof CronTrigger c
          && c.getCronExpression().equals(cron.expression())
          && c.getTimeZone().toZoneId().equals(cron.timeZone());
    }
    Duration every =
        schedule instanceof Schedule.Interval interval ? interval.every() : defaultInterval;
    return current instanceof SimpleTrigger s && s.getRepeatInterval() == every.toMillis();
  }

  private static org.quartz.Trigger oneShot(
      EnvironmentName environment, TriggerKey key, JobDataMap data, Instant at) {
    return TriggerBuilder.newTrigger()
        .withIdentity(key)
        .forJob(jobKey(environment))
        .usingJobData(data)
        .startAt(Date.from(at))
        // A request must run even if it fires late.
        .withSchedule(
            SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
        .build();
  }

  private static String environmentKey(EnvironmentName environment) {
    return environment.value() + ".";
  }
}
