package io.driftless.scheduler;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;

/**
 * The one durable Quartz job of an environment. It only reads what to do from its data and hands it
 * on; {@link DisallowConcurrentExecution} keeps it from running twice at once, across the cluster
 * too.
 */
@DisallowConcurrentExecution
public final class EnvironmentJob implements Job {
  private final RunDispatcher dispatcher;

  EnvironmentJob(RunDispatcher dispatcher) {
    this.dispatcher = dispatcher;
  }

  @Override
  public void execute(JobExecutionContext context) {
    dispatcher.fire(Firing.from(context));
  }
}
