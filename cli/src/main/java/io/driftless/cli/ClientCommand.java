package io.driftless.cli;

import io.driftless.cli.client.ApiClient;
import io.driftless.cli.client.ClientOptions;
import io.driftless.cli.output.Output;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that talks to the server: each subclass is one REST call and how to show it. */
abstract class ClientCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ClientOptions client;

  @Override
  public final Integer call() {
    return run(client.client(), client.output.output(spec));
  }

  /**
   * @return the exit code
   */
  abstract int run(ApiClient api, Output out);
}
