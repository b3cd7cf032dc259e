package io.driftless.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.driftless.api.model.CommandBody;
import io.driftless.api.model.EnvironmentPatch;
import io.driftless.api.model.EnvironmentRequest;
import io.driftless.api.model.EnvironmentResponse;
import io.driftless.api.model.IgnoreBody;
import io.driftless.api.model.ItemPage;
import io.driftless.api.model.NotificationTargetBody;
import io.driftless.api.model.RunResponse;
import io.driftless.api.model.SyncPolicyBody;
import io.driftless.api.model.TargetBody;
import io.driftless.cli.client.ApiClient;
import io.driftless.cli.client.CliException;
import io.driftless.cli.output.Output;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftless env add|list|show|set|rm}: what to keep in sync. */
@Command(
    name = "env",
    aliases = "environment",
    mixinStandardHelpOptions = true,
    description = "Register, list, show, change and remove environments (admin to change).",
    subcommands = {
      EnvCommand.Add.class,
      EnvCommand.Listing.class,
      EnvCommand.Show.class,
      EnvCommand.Set.class,
      EnvCommand.Remove.class
    })
final class EnvCommand extends GroupCommand {
  static final TypeReference<EnvironmentResponse> ENVIRONMENT = new TypeReference<>() {};
  static final TypeReference<ItemPage<EnvironmentResponse>> PAGE = new TypeReference<>() {};

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Register an environment.",
        "Example: driftless env add staging --source web --ref main --path envs/staging"
            + " --target-root /srv/www --var-files '*.env' --var GREETING=hi --prune",
        "Kubernetes: driftless env add shop --source apps --path k8s/prod --target kubernetes"
            + " --kubeconfig /etc/driftless/prod.kubeconfig --context prod --namespace shop"
            + " --render-command 'kustomize build .' --ignore 'Deployment.apps/web=/spec/replicas'",
        "SSH: driftless env add edge --source web --path envs/edge --target ssh --host web1"
            + " --host web2:2222 --user deploy --credential fleet --known-hosts ./known_hosts"
            + " --root /etc/nginx/driftless --batches 1,25%,100% --stop-on-failure"
      })
  static final class Add extends ClientCommand {
    @Parameters(paramLabel = "NAME", description = "Lowercase letters, digits, '-'.")
    String name;

    @Mixin EnvironmentSpecOptions spec;

    @Override
    int run(ApiClient api, Output out) {
      if (spec.source == null) {
        throw new CliException(
            "--source is required: the source to read (see 'driftless source list')");
      }
      TargetBody target = spec.target.body(null);
      EnvironmentRequest request =
          new EnvironmentRequest(
              name,
              spec.source,
              spec.ref == null ? "main" : spec.ref,
              spec.path,
              spec.render.renderer(target),
              spec.render.command(),
              spec.variables.body(null),
              target,
              spec.sync.policy(null),
              spec.notifications(),
              spec.ignoreRules(),
              spec.sensitive(),
              spec.promotion.rule(null),
              spec.decrypt,
              spec.decryption());
      EnvironmentResponse created = api.post(ApiClient.path("environments"), request, ENVIRONMENT);
      out.message(
          created,
          line(
              created,
              "registered",
              EnvironmentSpecOptions.describe(created) + " -> " + target(created.target())));
      return CliException.OK;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List environments with their status.")
  static final class Listing extends ListCommand<EnvironmentResponse> {
    @Option(names = "--source", description = "Only those of this source.")
    String source;

    @Option(names = "--status", description = "Only those with this status, e.g. failed.")
    String status;

    @Option(names = "--prefix", description = "Only names starting with this.")
    String prefix;

    @Option(
        names = "--owner",
        description = "Only those declared in documents applied by this owner (driftless apply).")
    String owner;

    Listing() {
      super("NAME", "SOURCE", "REF", "PATH", "STATUS", "SYNCED", "HEALTH", "LAST RUN");
    }

    @Override
    List<EnvironmentResponse> items(ApiClient api) {
      return Pages.all(
          api,
          ApiClient.path("environments")
              + ApiClient.query(
                  ApiClient.params(
                      "source", source, "status", status, "prefix", prefix, "owner", owner)),
          PAGE);
    }

    @Override
    Object[] row(EnvironmentResponse e, Output out) {
      return new Object[] {
        e.name(),
        e.source(),
        e.ref(),
        e.path().isEmpty() ? "." : e.path(),
        status(out, e),
        Output.shortRevision(e.state() == null ? null : e.state().syncedRevision()),
        e.state() == null ? "-" : out.status(e.state().health()),
        lastRun(out, e.lastRun())
      };
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one environment.")
  static final class Show extends ShowCommand<EnvironmentResponse> {
    Show() {
      super("environments", ENVIRONMENT);
    }

    @Override
    void fields(EnvironmentResponse e, Output out, Map<String, Object> f) {
      f.put("name", e.name());
      f.put("source", e.source());
      f.put("ref", e.ref());
      f.put("path", e.path().isEmpty() ? "." : e.path());
      f.put("target", target(e.target()));
      TargetBody t = e.target();
      if (t.type().equals("kubernetes")) {
        f.put("kubeconfig", t.kubeconfig() == null ? "in-cluster" : t.kubeconfig());
        f.put("context", t.context() == null ? "(current)" : t.context());
        f.put("namespace", t.namespace());
        f.put("force conflicts", Boolean.FALSE.equals(t.forceConflicts()) ? "no" : "yes");
        f.put("prune propagation", t.prunePropagation());
      }
      if (t.type().equals("ssh")) {
        f.put("hosts", String.join(", ", t.hosts()));
        f.put("user", t.user());
        f.put("credential", t.credential());
        if (t.strategy() != null) {
          f.put(
              "rollout",
              "batches "
                  + String.join(",", t.strategy().batches())
                  + ", "
                  + t.strategy().maxParallel()
                  + " at once"
                  + (Boolean.TRUE.equals(t.strategy().stopOnFailure()) ? ", stop on failure" : ""));
        }
      }
      if (t.healthTimeout() != null) {
        f.put("health timeout", t.healthTimeout());
      }
      f.put("renderer", renderer(e));
      if (e.ignore() != null && !e.ignore().isEmpty()) {
        f.put(
            "ignore", String.join("; ", e.ignore().stream().map(EnvCommand::ignoreRule).toList()));
      }
      if (e.notifications() != null && !e.notifications().isEmpty()) {
        f.put(
            "notifications",
            String.join("; ", e.notifications().stream().map(EnvCommand::notification).toList()));
      }
      if (e.variables() != null && !e.variables().values().isEmpty()) {
        f.put("variables", e.variables().values().keySet() + " in " + e.variables().files());
      }
      f.put("sync", sync(e.sync()));
      f.put("status", status(out, e));
      if (e.hosts() != null) {
        var h = e.hosts();
        f.put(
            "host states",
            h.synced()
                + " synced, "
                + h.drifted()
                + " drifted, "
                + h.outOfSync()
                + " out of sync, "
                + h.failed()
                + " failed");
        h.states()
            .forEach(
                (host, state) ->
                    f.put(
                        "host " + host,
                        out.status(state)
                            + " at "
                            + Output.shortRevision(
                                h.revisions() == null ? null : h.revisions().get(host))));
      }
      var s = e.state();
      if (s != null) {
        f.put("synced revision", s.syncedRevision());
        f.put("head revision", s.headRevision());
        f.put("health", out.status(s.health()));
        f.put("drift", s.drift() ? out.yellow("yes") : "no");
        f.put(
            "pinned",
            s.pinnedRevision() == null
                ? "no"
                : s.pinnedRevision() + (s.pinnedByAutoRollback() ? " (by auto-rollback)" : ""));
        f.put("suspended", s.suspended() ? out.yellow("yes") : "no");
        f.put("last checked", Output.age(s.lastCheckedAt()));
      }
      f.put("last run", lastRun(out, e.lastRun()));
    }
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = {
        "Change an environment: only the options given change.",
        "Example: driftless env set staging --ref release-2 --interval 10m --no-auto",
        "--notify replaces every notification target (the server never shows their URLs);"
            + " --no-notify removes them."
      })
  static final class Set extends ClientCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Mixin EnvironmentSpecOptions spec;

    @Mixin ForceOption force;

    @Override
    int run(ApiClient api, Output out) {
      // The API replaces sync, variables and target as a whole: start from what is stored.
      EnvironmentResponse current = api.get(ApiClient.path("environments", name), ENVIRONMENT);
      EnvironmentPatch patch =
          new EnvironmentPatch(
              spec.source,
              spec.ref,
              spec.path,
              same(spec.variables.body(current.variables()), current.variables()),
              same(spec.target.body(current.target()), current.target()),
              same(spec.sync.policy(current.sync()), current.sync()),
              spec.notifications(),
              spec.render.change(),
              spec.render.command(),
              spec.ignoreRules(),
              spec.sensitive(),
              spec.promotion.rule(current.promotion()),
              spec.decrypt,
              spec.decryption());
      if (patch.equals(EnvironmentPatch.NOTHING)) {
        throw new CliException(
            "nothing to change: give an option such as --ref, --path, --namespace or --interval"
                + " (see 'driftless env set --help')");
      }
      EnvironmentResponse updated =
          api.patch(ApiClient.path("environments", name) + force.query(), patch, ENVIRONMENT);
      out.message(
          updated,
          line(
              updated,
              "changed",
              EnvironmentSpecOptions.describe(updated) + ", " + sync(updated.sync())));
      return CliException.OK;
    }

    private static <T> T same(T changed, T current) {
      return changed == current ? null : changed;
    }
  }

  @Command(
      name = "rm",
      aliases = "remove",
      mixinStandardHelpOptions = true,
      description = "Remove an environment (what it applied stays on the target).")
  static final class Remove extends RemoveCommand {
    @Mixin ForceOption force;

    Remove() {
      super(new Removal("environments", "Environment", "removed"));
    }

    @Override
    String query() {
      return force.query();
    }
  }

  /** What happened to an environment, for people: {@code Environment web changed (DETAIL)}. */
  static String line(EnvironmentResponse e, String happened, String detail) {
    return "Environment " + e.name() + " " + happened + " (" + detail + ")";
  }

  /** A target in one phrase: {@code directory /srv/www}, {@code kubernetes prod/shop}. */
  static String target(TargetBody t) {
    if (t.type().equals("ssh")) {
      int count = t.hosts() == null ? 0 : t.hosts().size();
      return "ssh " + t.root() + " on " + count + (count == 1 ? " host" : " hosts");
    }
    if (t.type().equals("driftless")) {
      return "driftless (the registry)";
    }
    if (!t.type().equals("kubernetes")) {
      return t.type() + " " + t.root();
    }
    return "kubernetes "
        + (t.context() == null ? "" : t.context() + "/")
        + (t.namespace() == null ? "default" : t.namespace());
  }

  static String renderer(EnvironmentResponse e) {
    CommandBody c = e.renderCommand();
    if (c == null) {
      return e.renderer();
    }
    return e.renderer()
        + ": "
        + String.join(" ", c.argv())
        + (c.timeout() == null ? "" : " (timeout " + c.timeout() + ")");
  }

  /** An ignore rule as {@code --ignore} takes it. */
  static String ignoreRule(IgnoreBody r) {
    return r.kind()
        + (r.group() == null || r.group().isEmpty() ? "" : "." + r.group())
        + (r.namespace() == null ? "" : "/" + r.namespace())
        + (r.name() == null ? "" : "/" + r.name())
        + "="
        + String.join(",", r.jsonPointers());
  }

  /** A notification target without its URL or secret, which the server never returns. */
  static String notification(NotificationTargetBody.View n) {
    return n.type()
        + " "
        + n.host()
        + (n.signed() ? " (signed)" : "")
        + (n.events() == null || n.events().isEmpty() ? "" : " on " + String.join("|", n.events()));
  }

  static String status(Output out, EnvironmentResponse e) {
    String status = out.status(e.status());
    if (e.state() != null && e.state().pinnedRevision() != null) {
      status += " (pinned)";
    }
    if (e.state() != null && e.state().suspended()) {
      status += " (suspended)";
    }
    return status;
  }

  static String lastRun(Output out, RunResponse run) {
    return run == null
        ? "-"
        : "#" + run.id() + " " + out.status(run.status()) + " " + Output.age(run.createdAt());
  }

  static String sync(SyncPolicyBody s) {
    if (s == null) {
      return "-";
    }
    StringBuilder b = new StringBuilder(Boolean.TRUE.equals(s.auto()) ? "auto" : "manual");
    if (Boolean.TRUE.equals(s.prune())) {
      b.append(", prune");
    }
    if (Boolean.TRUE.equals(s.selfHeal())) {
      b.append(", self-heal");
    }
    if (Boolean.TRUE.equals(s.autoRollback())) {
      b.append(", auto-rollback");
    }
    if (s.interval() != null) {
      b.append(", every ").append(s.interval());
    }
    if (s.cron() != null) {
      b.append(", cron '").append(s.cron()).append("'");
      if (s.timeZone() != null) {
        b.append(' ').append(s.timeZone());
      }
    }
    return b.toString();
  }
}
