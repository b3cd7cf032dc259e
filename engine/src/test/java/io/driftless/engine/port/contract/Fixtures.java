package io.driftless.engine.port.contract;

import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.CommandSpec;
import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.Credential;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.CredentialOrigins;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.Environment;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.FileMode;
import io.driftless.engine.domain.ForkPreviews;
import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.domain.Plan;
import io.driftless.engine.domain.PromotionPaths;
import io.driftless.engine.domain.PromotionRule;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.ResourceOutcome;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.RunResult;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.domain.Source;
import io.driftless.engine.domain.SourceName;
import io.driftless.engine.domain.SyncPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.domain.TreeId;
import io.driftless.engine.domain.Variables;
import io.driftless.engine.domain.VerifyPolicy;
import io.driftless.engine.port.Stores;
import io.driftless.engine.sensitive.SensitiveRule;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** Domain objects for the store contract tests and the stores' own tests. */
public final class Fixtures {
  private static final AtomicInteger NEXT = new AtomicInteger();

  private Fixtures() {}

  /** A name no other test in this JVM uses. */
  public static String unique(String prefix) {
    return prefix + "-" + NEXT.incrementAndGet();
  }

  /** Registers a source and an environment on it in {@code stores}; returns the environment. */
  public static EnvironmentName newEnvironment(Stores stores) {
    String source = unique("src");
    stores.sources().register(plainSource(source));
    String env = unique("env");
    stores.environments().register(environment(env, source));
    return EnvironmentName.of(env);
  }

  public static Revision revision(int n) {
    return Revision.of(String.format("%040x", n));
  }

  public static TreeId tree(int n) {
    return new TreeId(String.format("%040x", n + 1_000_000));
  }

  public static Source plainSource(String name) {
    return Source.of(SourceName.of(name), "https://git.example.com/" + name + ".git");
  }

  public static Source secretSource(String name) {
    return new Source(
        SourceName.of(name),
        "https://git.example.com/" + name + ".git",
        new GitAuth.Token("x-access-token", Secret.of("ghp_readTOKEN_" + name)),
        new GitAuth.SshKey(
            Secret.of("-----BEGIN OPENSSH PRIVATE KEY-----\nWRITEKEY_" + name),
            Secret.of("passphrase_" + name),
            "git.example.com ssh-ed25519 AAAAC3Nza"),
        Secret.of("webhookSECRET_" + name),
        new VerifyPolicy(VerifyPolicy.Mode.HEAD, List.of("-----BEGIN PGP PUBLIC KEY BLOCK-----")),
        ForkPreviews.APPROVE,
        null);
  }

  public static Environment environment(String name, String source) {
    return new Environment(
        EnvironmentName.of(name),
        SourceName.of(source),
        "main",
        "envs/" + name,
        null,
        null,
        TargetSpec.Directory.at(Path.of("/srv/driftless/" + name)),
        null,
        null);
  }

  /** An environment using every part of the spec. */
  public static Environment fullEnvironment(String name, String source) {
    return new Environment(
        EnvironmentName.of(name),
        SourceName.of(source),
        "refs/tags/v1",
        "./config/nginx/",
        null,
        new Variables(Map.of("PORT", "8080", "HOST_NAME", "web"), List.of("*.conf", "sites/**")),
        new TargetSpec.Directory(
            Path.of("/etc/nginx/driftless"),
            new CommandSpec(List.of("nginx", "-s", "reload"), Duration.ofSeconds(5)),
            CommandSpec.shell("curl -fsS http://localhost/health"),
            Duration.ofSeconds(90)),
        new SyncPolicy(
            false,
            true,
            true,
            true,
            new SyncPolicy.Schedule.Cron("0 */5 * * * ?", ZoneId.of("Europe/Paris")),
            List.of(
                new SyncPolicy.SyncWindow(
                    SyncPolicy.SyncWindow.Kind.DENY,
                    "0 0 22 * * ?",
                    Duration.ofHours(8),
                    ZoneId.of("America/New_York")),
                new SyncPolicy.SyncWindow(
                    SyncPolicy.SyncWindow.Kind.ALLOW,
                    "0 0 9 ? * MON-FRI",
                    Duration.ofHours(9),
                    null))),
        SensitiveRule.of(List.of("**/*.key", "secrets/")),
        new PromotionRule(
            EnvironmentName.of("staging"),
            new PromotionPaths(List.of("VERSION", "release/**", "!release/local.yaml")),
            PromotionRule.Via.COMMIT,
            Duration.ofMinutes(10)),
        false,
        new FileMode(0640));
  }

  /** A new {@code ssh-key} credential in {@code stores}, for an ssh target to log in with. */
  public static CredentialName sshKeyCredential(Stores stores, String prefix) {
    CredentialName name = CredentialName.of(unique(prefix));
    addSshKey(stores, name, List.of());
    return name;
  }

  /** Adds the {@code ssh-key} credential {@code name} with these public key fingerprints. */
  public static void addSshKey(Stores stores, CredentialName name, List<String> publicKeys) {
    stores
        .credentials()
        .add(
            name,
            new Credential.SshKey(Secret.of("key"), null),
            CredentialOrigins.none(),
            publicKeys,
            "a");
  }

  public static Resource file(String key, String content) {
    return new Resource(
        ResourceKey.of(key),
        ResourceKind.FILE,
        Content.of(content.getBytes(StandardCharsets.UTF_8)));
  }

  public static DesiredState desired(int revision, Resource... resources) {
    SortedMap<ResourceKey, Resource> map = new TreeMap<>();
    for (Resource r : resources) {
      map.put(r.key(), r);
    }
    return new DesiredState(revision(revision), tree(revision), map);
  }

  /** {@code count} files whose contents depend only on their index. */
  public static DesiredState manyFiles(int revision, int count) {
    SortedMap<ResourceKey, Resource> map = new TreeMap<>();
    for (int i = 0; i < count; i++) {
      Resource r =
          file(String.format("dir%03d/file-%05d.conf", i % 100, i), "content of file " + i);
      map.put(r.key(), r);
    }
    return new DesiredState(revision(revision), tree(revision), map);
  }

  /** A successful run that created every resource of {@code desired}. */
  public static RunResult applied(DesiredState desired) {
    List<Change> changes = new ArrayList<>();
    List<ResourceOutcome> outcomes = new ArrayList<>();
    for (Resource r : desired.resources().values()) {
      Change c = Change.create(r);
      changes.add(c);
      outcomes.add(new ResourceOutcome(c, ResourceOutcome.Result.APPLIED, null));
    }
    return RunResult.succeeded(desired.revision())
        .withPlan(new Plan(changes, List.of(), List.of()), outcomes);
  }

  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  /**
   * Runs each contender on its own thread, all released at the same moment; returns how many of
   * them won (returned true). The race tests of locks and claims count on exactly one.
   */
  public static int winners(List<Callable<Boolean>> contenders) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(contenders.size());
    try {
      List<Future<Boolean>> results = new ArrayList<>();
      for (Callable<Boolean> contender : contenders) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return contender.call();
                }));
      }
      start.countDown();
      int won = 0;
      for (Future<Boolean> result : results) {
        won += result.get(30, TimeUnit.SECONDS) ? 1 : 0;
      }
      return won;
    } finally {
      pool.shutdownNow();
    }
  }

  /** {@link #winners(List)} of {@code count} threads making the same attempt. */
  public static int winners(int count, Callable<Boolean> attempt) throws Exception {
    return winners(Collections.nCopies(count, attempt));
  }
}
