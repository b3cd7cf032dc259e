package io.driftless.storage.jdbi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.PromotionPaths;
import io.driftless.engine.domain.PromotionRule;
import io.driftless.engine.domain.RendererSpec;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.Variables;
import io.driftless.engine.sensitive.SensitiveRule;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON columns of an environment's spec: renderer, variables, target and sync policy. */
final class SpecJson {
  private SpecJson() {}

  static String renderer(RendererSpec renderer) {
    ObjectNode node = Json.MAPPER.createObjectNode().put("type", renderer.type());
    if (renderer instanceof RendererSpec.Command c) {
      node.set("command", command(c.command()));
    }
    return Json.write(node);
  }

  static RendererSpec renderer(String json) {
    JsonNode node = Json.read(json);
    String type = node.path("type").asText("files");
    return switch (type) {
      case "files" -> RendererSpec.files();
      case "manifests" -> new RendererSpec.Manifests();
      case "command" -> new RendererSpec.Command(command(node.get("command")));
      default -> throw new IllegalStateException("unknown renderer type stored: " + type);
    };
  }

  static String sensitive(SensitiveRule rule) {
    if (rule.patterns().isEmpty()) {
      return null;
    }
    ArrayNode patterns = Json.MAPPER.createArrayNode();
    rule.patterns().forEach(patterns::add);
    return Json.write(patterns);
  }

  static SensitiveRule sensitive(String json) {
    return json == null
        ? SensitiveRule.secretsOnly()
        : SensitiveRule.of(Json.strings(Json.read(json)));
  }

  static String promotion(PromotionRule rule) {
    if (rule == null) {
      return null;
    }
    ObjectNode node = Json.MAPPER.createObjectNode().put("from", rule.from().value());
    ArrayNode paths = node.putArray("paths");
    rule.paths().patterns().forEach(paths::add);
    node.put("via", rule.via().label());
    if (rule.afterHealthy() != null) {
      node.putObject("auto").put("afterHealthy", rule.afterHealthy().toString());
    }
    return Json.write(node);
  }

  static PromotionRule promotion(String json) {
    if (json == null) {
      return null;
    }
    JsonNode node = Json.read(json);
    return new PromotionRule(
        EnvironmentName.of(node.path("from").asText()),
        new PromotionPaths(Json.strings(node.path("paths"))),
        PromotionRule.Via.of(node.path("via").asText()),
        node.path("auto").hasNonNull("afterHealthy")
            ? java.time.Duration.parse(node.path("auto").path("afterHealthy").asText())
            : null);
  }

  static String variables(Variables variables) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    ObjectNode values = node.putObject("values");
    variables.values().forEach(values::put);
    ArrayNode patterns = node.putArray("filePatterns");
    variables.filePatterns().forEach(patterns::add);
    if (!variables.from().isEmpty()) {
      variables.from().forEach(node.putArray("from")::add);
    }
    return Json.write(node);
  }

  static Variables variables(String json) {
    JsonNode node = Json.read(json);
    Map<String, String> values = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> field : node.path("values").properties()) {
      values.put(field.getKey(), field.getValue().asText());
    }
    return new Variables(
        values, Json.strings(node.path("filePatterns")), Json.strings(node.path("from")));
  }

  static String target(TargetSpec target) {
    ObjectNode node = Json.MAPPER.createObjectNode().put("type", target.type());
    if (target instanceof TargetSpec.Directory dir) {
      node.put("root", dir.root().toString());
      commands(node, dir.postApply(), dir.healthCheck(), dir.healthTimeout());
      return Json.write(node);
    }
    if (target instanceof TargetSpec.Ssh ssh) {
      ssh.hosts().forEach(node.putArray("hosts")::add);
      node.put("user", ssh.user());
      node.put("credential", ssh.credential().value());
      node.put("knownHosts", ssh.knownHosts());
      node.put("root", ssh.root());
      commands(node, ssh.postApply(), ssh.healthCheck(), ssh.healthTimeout());
      ObjectNode strategy = node.putObject("strategy");
      ssh.rollout().batches().forEach(strategy.putArray("batches")::add);
      strategy.put("maxParallel", ssh.rollout().maxParallel());
      strategy.put("stopOnFailure", ssh.rollout().stopOnFailure());
      return Json.write(node);
    }
    if (target instanceof TargetSpec.Kubernetes k) {
      if (k.kubeconfig() != null) {
        node.put("kubeconfig", k.kubeconfig().toString());
      }
      if (k.context() != null) {
        node.put("context", k.context());
      }
      node.put("namespace", k.namespace());
      node.put("forceConflicts", k.forceConflicts());
      node.put("prunePropagation", k.prunePropagation().name());
      node.put("healthTimeout", k.healthTimeout().toString());
      ArrayNode ignore = node.putArray("ignore");
      for (TargetSpec.IgnoreDifferences rule : k.ignore()) {
        ObjectNode r = ignore.addObject().put("group", rule.group()).put("kind", rule.kind());
        if (rule.namespace() != null) {
          r.put("namespace", rule.namespace());
        }
        if (rule.name() != null) {
          r.put("name", rule.name());
        }
        ArrayNode pointers = r.putArray("jsonPointers");
        rule.jsonPointers().forEach(pointers::add);
      }
      k.allowedNamespaces().forEach(node.putArray("allowedNamespaces")::add);
      k.allowedKinds().forEach(node.putArray("allowedKinds")::add);
      return Json.write(node);
    }
    if (target instanceof TargetSpec.Registry registry) {
      TargetSpec.RegistryScope scope = registry.scope();
      ObjectNode stored = node.putObject("scope");
      if (scope.sources() != null) {
        scope.sources().forEach(stored.putArray("sources")::add);
      }
      if (scope.roots() != null) {
        scope.roots().forEach(stored.putArray("roots")::add);
      }
      if (scope.namespaces() != null) {
        scope.namespaces().forEach(stored.putArray("namespaces")::add);
      }
      stored.put("commands", scope.commands());
      node.put("cascade", registry.cascade());
      return Json.write(node);
    }
    throw new IllegalArgumentException("target type not storable yet: " + target.type());
  }

  static TargetSpec target(String json) {
    JsonNode node = Json.read(json);
    String type = node.path("type").asText();
    if (type.equals("directory")) {
      return new TargetSpec.Directory(
          Path.of(node.path("root").asText()),
          command(node.get("postApply")),
          command(node.get("healthCheck")),
          Json.duration(node.get("healthTimeout")));
    }
    if (type.equals("ssh")) {
      JsonNode strategy = node.path("strategy");
      return new TargetSpec.Ssh(
          Json.strings(node.path("hosts")),
          node.path("user").asText(),
          new CredentialName(node.path("credential").asText()),
          node.path("knownHosts").asText(),
          node.path("root").asText(),
          command(node.get("postApply")),
          command(node.get("healthCheck")),
          Json.duration(node.get("healthTimeout")),
          new TargetSpec.Rollout(
              Json.strings(strategy.path("batches")),
              strategy.path("maxParallel").asInt(TargetSpec.Rollout.ALL_AT_ONCE.maxParallel()),
              strategy.path("stopOnFailure").asBoolean(false)));
    }
    if (type.equals("kubernetes")) {
      List<TargetSpec.IgnoreDifferences> ignore = new ArrayList<>();
      for (JsonNode r : node.path("ignore")) {
        ignore.add(
            new TargetSpec.IgnoreDifferences(
                r.path("group").asText(""),
                r.path("kind").asText(),
                r.path("namespace").asText(null),
                r.path("name").asText(null),
                Json.strings(r.path("jsonPointers"))));
      }
      return new TargetSpec.Kubernetes(
          node.hasNonNull("kubeconfig") ? Path.of(node.get("kubeconfig").asText()) : null,
          node.path("context").asText(null),
          node.path("namespace").asText(null),
          node.path("forceConflicts").asBoolean(true),
          TargetSpec.Kubernetes.Propagation.valueOf(
              node.path("prunePropagation").asText("FOREGROUND")),
          Json.duration(node.get("healthTimeout")),
          ignore,
          Json.strings(node.path("allowedNamespaces")),
          Json.strings(node.path("allowedKinds")));
    }
    if (type.equals(TargetSpec.Registry.TYPE)) {
      JsonNode scope = node.path("scope");
      return new TargetSpec.Registry(
          new TargetSpec.RegistryScope(
              scope.has("sources") ? Json.strings(scope.path("sources")) : null,
              scope.has("roots") ? Json.strings(scope.path("roots")) : null,
              scope.has("namespaces") ? Json.strings(scope.path("namespaces")) : null,
              scope.path("commands").asBoolean(false)),
          node.path("cascade").asBoolean(false));
    }
    throw new IllegalStateException("unknown target type stored: " + type);
  }

  /** A file target's post-apply and health-check commands, and its health timeout. */
  private static void commands(
      ObjectNode node, CommandSpec postApply, CommandSpec healthCheck, Duration healthTimeout) {
    if (postApply != null) {
      node.set("postApply", command(postApply));
    }
    if (healthCheck != null) {
      node.set("healthCheck", command(healthCheck));
    }
    node.put("healthTimeout", healthTimeout.toString());
  }

  private static ObjectNode command(CommandSpec command) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    ArrayNode argv = node.putArray("argv");
    command.argv().forEach(argv::add);
    node.put("timeout", command.timeout().toString());
    return node;
  }

  private static CommandSpec command(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return new CommandSpec(Json.strings(node.path("argv")), Json.duration(node.get("timeout")));
  }

  static String sync(SyncPolicy sync) {
    ObjectNode node =
        Json.MAPPER
            .createObjectNode()
            .put("auto", sync.auto())
            .put("prune", sync.prune())
            .put("selfHeal", sync.selfHeal())
            .put("autoRollback", sync.autoRollback());
    ObjectNode schedule = node.putObject("schedule");
    if (sync.schedule() instanceof SyncPolicy.Schedule.Interval interval) {
      schedule.put("interval", interval.every().toString());
    } else if (sync.schedule() instanceof SyncPolicy.Schedule.Cron cron) {
      schedule.put("cron", cron.expression()).put("timeZone", cron.timeZone().getId());
    }
    ArrayNode windows = node.putArray("windows");
    for (SyncPolicy.SyncWindow window : sync.windows()) {
      windows
          .addObject()
          .put("kind", window.kind().name())
          .put("cron", window.cron())
          .put("duration", window.duration().toString())
          .put("timeZone", window.timeZone().getId());
    }
    return Json.write(node);
  }

  static SyncPolicy sync(String json) {
    JsonNode node = Json.read(json);
    JsonNode s = node.path("schedule");
    SyncPolicy.Schedule schedule =
        s.hasNonNull("cron")
            ? new SyncPolicy.Schedule.Cron(s.get("cron").asText(), Json.zone(s.get("timeZone")))
            : new SyncPolicy.Schedule.Interval(Json.duration(s.get("interval")));
    List<SyncPolicy.SyncWindow> windows = new ArrayList<>();
    for (JsonNode w : node.path("windows")) {
      windows.add(
          new SyncPolicy.SyncWindow(
              SyncPolicy.SyncWindow.Kind.valueOf(w.path("kind").asText()),
              w.path("cron").asText(),
              Json.duration(w.get("duration")),
              Json.zone(w.get("timeZone"))));
    }
    return new SyncPolicy(
        node.path("auto").asBoolean(),
        node.path("prune").asBoolean(),
        node.path("selfHeal").asBoolean(),
        node.path("autoRollback").asBoolean(),
        schedule,
        windows);
  }
}
