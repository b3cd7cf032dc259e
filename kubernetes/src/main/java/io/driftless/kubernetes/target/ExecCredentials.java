package io.driftless.kubernetes.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.process.LocalProcesses;
import io.driftless.engine.process.OutputCapture;
import io.driftless.engine.process.ProcessResult;
import io.driftless.engine.process.ProcessSpec;
import io.fabric8.kubernetes.api.model.ExecConfig;
import io.fabric8.kubernetes.api.model.ExecEnvVar;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.OAuthTokenProvider;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A kubeconfig's {@code exec} credential plugin (e.g. {@code aws eks get-token}), run the way the
 * server runs every command: checked against the {@link CommandPolicy} each time, started by {@link
 * LocalProcesses} with a fresh empty {@code HOME}, only the variables the kubeconfig gives it plus
 * {@code PATH}, and a timeout. The Kubernetes client asks it for a bearer token; the token is kept
 * until shortly before the expiry the plugin states. The client never starts the plugin itself: the
 * kubeconfig it is given has the {@code exec} section removed.
 */
final class ExecCredentials implements OAuthTokenProvider {
  static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Duration EARLY = Duration.ofSeconds(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ExecConfig exec;
  private final CommandPolicy commands;
  private final Clock clock;
  private String token;
  private Instant expires;

  ExecCredentials(ExecConfig exec, CommandPolicy commands, Clock clock) {
    this.exec = exec;
    this.commands = commands;
    this.clock = clock;
  }

  @Override
  public synchronized String getToken() {
    Instant now = clock.instant();
    if (token == null || (expires != null && !now.isBefore(expires.minus(EARLY)))) {
      fetch();
    }
    return token;
  }

  private void fetch() {
    List<String> words = new ArrayList<>();
    words.add(exec.getCommand());
    if (exec.getArgs() != null) {
      words.addAll(exec.getArgs());
    }
    List<String> argv =
        commands.argv(KubeconfigCommands.FIELD, new CommandSpec(words, TIMEOUT), null);
    Map<String, String> environment = new HashMap<>();
    if (exec.getEnv() != null) {
      for (ExecEnvVar variable : exec.getEnv()) {
        if (variable.getName() != null && !variable.getName().equals("HOME")) {
          environment.put(
              variable.getName(), variable.getValue() == null ? "" : variable.getValue());
        }
      }
    }
    environment.put("PATH", commands.searchPathVariable());
    environment.put(
        "KUBERNETES_EXEC_INFO",
        "{\"apiVersion\":\""
            + exec.getApiVersion()
            + "\",\"kind\":\"ExecCredential\",\"spec\":{\"interactive\":false}}");
    ProcessResult result =
        LocalProcesses.run(
            new ProcessSpec(
                "kubeconfig exec",
                argv,
                null,
                environment,
                TIMEOUT,
                OutputCapture.head(1 << 20),
                OutputCapture.tail(2048)));
    if (!result.succeeded()) {
      throw new KubernetesClientException(
          "kubeconfig exec plugin "
              + exec.getCommand()
              + " failed ("
              + result.ending()
              + (result.exited() ? " " + result.exitCode() : "")
              + "): "
              + result.stderr().text().strip());
    }
    try {
      JsonNode status = JSON.readTree(result.stdout().text()).path("status");
      String issued = status.path("token").asText(null);
      if (issued == null || issued.isBlank()) {
        throw new KubernetesClientException(
            "kubeconfig exec plugin " + exec.getCommand() + " gave no token");
      }
      token = issued;
      String expiry = status.path("expirationTimestamp").asText(null);
      expires = expiry == null || expiry.isBlank() ? null : Instant.parse(expiry);
    } catch (IOException | java.time.format.DateTimeParseException e) {
      throw new KubernetesClientException(
          "kubeconfig exec plugin " + exec.getCommand() + " printed no ExecCredential: " + e);
    }
  }
}
