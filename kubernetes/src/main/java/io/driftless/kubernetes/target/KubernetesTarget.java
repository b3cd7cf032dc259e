package io.driftless.kubernetes.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.engine.domain.Change;
import io.driftless.engine.domain.ChangeAction;
import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.Content;
import io.driftless.engine.domain.DesiredState;
import io.driftless.engine.domain.EnvironmentName;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.LiveState;
import io.driftless.engine.domain.Resource;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.ResourceKind;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.target.ApplyException;
import io.driftless.engine.target.Target;
import io.driftless.engine.target.UnsafeResourceException;
import io.driftless.kubernetes.CanonicalJson;
import io.driftless.kubernetes.ObjectKey;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.ServerSideApplicable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Kubernetes cluster as a target. Each resource is one object keyed {@link ObjectKey}, whose
 * content is the object as canonical JSON.
 *
 * <ul>
 *   <li>{@link #validate} refuses, before anything is read or written, an object outside the
 *       environment's {@link KubernetesScope}, naming its file and the object.
 *   <li>{@link #read} only GETs. Live objects are shaped by {@link LiveProjection} so that a synced
 *       object reads equal to its manifest.
 *   <li>{@link #apply} uses server-side apply (a PATCH of type {@code
 *       application/apply-patch+yaml}) under the field manager {@code driftless}, with {@code
 *       force} as the environment says, in the order of {@link ApplyOrder}. Every applied object
 *       carries the labels {@code app.kubernetes.io/managed-by: driftless} and {@code
 *       driftless.io/environment: <name>}.
 *   <li>A prune deletes an object only if it still carries both labels for this environment and is
 *       not annotated {@code driftless.io/prune: disabled}, with the environment's propagation
 *       policy; the engine only asks to prune inventory keys.
 *   <li>{@link #health} polls the objects this apply wrote until all are healthy, one is degraded
 *       for good, or the timeout passes.
 * </ul>
 *
 * <p>Opened by {@link KubernetesTargetFactory}; one per run.
 */
public final class KubernetesTarget implements Target {
  public static final String FIELD_MANAGER = "driftless";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String ENVIRONMENT_LABEL = "driftless.io/environment";
  public static final String PRUNE = "driftless.io/prune";
  static final Duration POLL = Duration.ofSeconds(2);
  private static final Logger LOG = LoggerFactory.getLogger(KubernetesTarget.class);

  /** Waits between health polls; a test passes one that does not sleep. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final EnvironmentName environment;
  private final TargetSpec.Kubernetes spec;
  private final KubernetesScope scope;
  private final KubernetesClient client;
  private final Clock clock;
  private final Sleeper sleeper;
  private final LiveProjection projection;
  private final List<JsonNode> written = new ArrayList<>();

  KubernetesTarget(
      EnvironmentName environment,
      KubernetesScope scope,
      KubernetesClient client,
      Clock clock,
      Sleeper sleeper) {
    this.environment = environment;
    this.spec = scope.spec();
    this.scope = scope;
    this.client = client;
    this.clock = clock;
    this.sleeper = sleeper;
    this.projection =
        new LiveProjection(
            spec.ignore(),
            List.of(
                "/metadata/labels/" + MANAGED_BY.replace("/", "~1"),
                "/metadata/labels/" + ENVIRONMENT_LABEL.replace("/", "~1")));
  }

  /**
   * Refuses resources that are not Kubernetes objects with a key matching their content, whose sync
   * wave is not an integer, or that lie outside the environment's scope.
   */
  @Override
  public void validate(DesiredState desired) {
    for (Resource resource : desired.resources().values()) {
      String key = resource.key().value();
      if (resource.kind() != ResourceKind.OBJECT) {
        throw new UnsafeResourceException(
            key, key + " is a " + resource.kind() + "; a kubernetes target holds objects");
      }
      ObjectKey objectKey;
      JsonNode object;
      try {
        objectKey = ObjectKey.parse(resource.key());
        object = CanonicalJson.read(resource.content().bytes());
        ApplyOrder.wave(object);
      } catch (RuntimeException e) {
        throw new UnsafeResourceException(key, key + ": " + e.getMessage());
      }
      String apiVersion = object.path("apiVersion").asText();
      if (!ObjectKey.groupOf(apiVersion).equals(objectKey.group())
          || !object.path("kind").asText().equals(objectKey.kind())
          || !object.path("metadata").path("name").asText().equals(objectKey.name())) {
        throw new UnsafeResourceException(key, key + " does not match its object's content");
      }
      inScope(objectKey, desired.origin(resource.key()));
    }
  }

  private void inScope(ObjectKey key, String origin) {
    scope
        .refusal(key)
        .ifPresent(
            why -> {
              throw new UnsafeResourceException(
                  key.toString(),
                  origin,
                  origin
                      + ": "
                      + key
                      + " is outside environment "
                      + environment
                      + "'s scope: "
                      + why);
            });
  }

  @Override
  public LiveState read(Set<ResourceKey> keys) {
    return read(keys, key -> List.of());
  }

  @Override
  public LiveState read(Set<ResourceKey> keys, Function<ResourceKey, List<Content>> declared) {
    TreeMap<ResourceKey, Resource> live = new TreeMap<>();
    for (ResourceKey key : keys) {
      ObjectKey objectKey = ObjectKey.parse(key);
      List<JsonNode> shapes = new ArrayList<>();
      for (Content content : declared.apply(key)) {
        shapes.add(CanonicalJson.read(content.bytes()));
      }
      String apiVersion =
          shapes.isEmpty()
              ? preferredVersion(objectKey)
              : shapes.get(0).path("apiVersion").asText();
      JsonNode object = get(apiVersion, objectKey);
      if (object == null) {
        continue;
      }
      JsonNode shaped = projection.shape(objectKey, object, shapes);
      live.put(
          key, new Resource(key, ResourceKind.OBJECT, Content.of(CanonicalJson.bytes(shaped))));
    }
    LOG.debug("read {} of {} objects live for {}", live.size(), keys.size(), environment);
    return new LiveState(live);
  }

  private String preferredVersion(ObjectKey key) {
    if (key.group().isEmpty()) {
      return "v1";
    }
    try {
      var group = client.getApiGroup(key.group());
      if (group == null || group.getPreferredVersion() == null) {
        throw new ClusterException(
            key.toString(), "the cluster does not serve the API group " + key.group(), null);
      }
      return group.getPreferredVersion().getGroupVersion();
    } catch (KubernetesClientException e) {
      throw new ClusterException(
          key.toString(),
          "could not look up the API group " + key.group() + ": " + e.getMessage(),
          e);
    }
  }

  /** The live object as JSON, or null when it does not exist. */
  private JsonNode get(String apiVersion, ObjectKey key) {
    try {
      var kind = client.genericKubernetesResources(apiVersion, key.kind());
      GenericKubernetesResource object =
          key.namespace() == null
              ? kind.withName(key.name()).get()
              : kind.inNamespace(key.namespace()).withName(key.name()).get();
      return object == null
          ? null
          : CanonicalJson.mapper().readTree(client.getKubernetesSerialization().asJson(object));
    } catch (KubernetesClientException e) {
      if (e.getCode() == 404) {
        return null;
      }
      throw new ClusterException(key.toString(), "could not read " + key + ": " + reason(e), e);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ClusterException(
          key.toString(), "could not read " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void apply(List<Change> changes) {
    List<Change> done = new ArrayList<>();
    written.clear();
    // A prune too: an object the scope no longer covers is left alone, and nothing is written.
    for (Change change : changes) {
      inScope(ObjectKey.parse(change.key()), change.key().value());
    }
    for (Change change : ApplyOrder.sort(changes)) {
      try {
        if (change.action() == ChangeAction.DELETE) {
          prune(change);
        } else {
          write(change);
        }
      } catch (KubernetesClientException e) {
        throw new ApplyException(
            change,
            done,
            "could not "
                + (change.action() == ChangeAction.DELETE ? "delete " : "apply ")
                + change.key()
                + ": "
                + reason(e),
            e);
      } catch (RuntimeException e) {
        throw new ApplyException(
            change, done, "could not apply " + change.key() + ": " + e.getMessage(), e);
      }
      done.add(change);
    }
  }

  private void write(Change change) {
    ObjectNode object = (ObjectNode) CanonicalJson.read(change.after().content().bytes());
    ObjectNode metadata = object.with("metadata");
    ObjectNode labels = metadata.with("labels");
    labels.put(MANAGED_BY, FIELD_MANAGER);
    labels.put(ENVIRONMENT_LABEL, environment.value());
    HasMetadata typed =
        (HasMetadata)
            client
                .getKubernetesSerialization()
                .unmarshal(object.toString(), KubernetesResource.class);
    ServerSideApplicable<HasMetadata> apply = client.resource(typed).fieldManager(FIELD_MANAGER);
    if (spec.forceConflicts()) {
      apply = apply.forceConflicts();
    }
    apply.serverSideApply();
    written.add(object);
    LOG.info("{}: applied {} ({})", environment, change.key(), change.action());
  }

  private void prune(Change change) {
    ObjectKey key = ObjectKey.parse(change.key());
    String apiVersion =
        CanonicalJson.read(change.before().content().bytes()).path("apiVersion").asText();
    JsonNode live = get(apiVersion, key);
    if (live == null) {
      LOG.info("{}: {} is already gone", environment, key);
      return;
    }
    JsonNode labels = live.path("metadata").path("labels");
    if (!FIELD_MANAGER.equals(labels.path(MANAGED_BY).asText())
        || !environment.value().equals(labels.path(ENVIRONMENT_LABEL).asText())) {
      LOG.warn(
          "{}: not pruning {}: it does not carry {}={} and {}={}",
          environment,
          key,
          MANAGED_BY,
          FIELD_MANAGER,
          ENVIRONMENT_LABEL,
          environment);
      return;
    }
    if ("disabled".equals(live.path("metadata").path("annotations").path(PRUNE).asText())) {
      LOG.info("{}: not pruning {}: annotated {}: disabled", environment, key, PRUNE);
      return;
    }
    var kind = client.genericKubernetesResources(apiVersion, key.kind());
    var resource =
        key.namespace() == null
            ? kind.withName(key.name())
            : kind.inNamespace(key.namespace()).withName(key.name());
    resource
        .withPropagationPolicy(DeletionPropagation.valueOf(spec.prunePropagation().name()))
        .delete();
    LOG.info("{}: pruned {} ({})", environment, key, spec.prunePropagation().apiName());
  }

  @Override
  public Optional<CommandResult> postApply() {
    return Optional.empty();
  }

  /**
   * Polls the objects this target's last apply wrote until all are healthy, one is degraded for
   * good, or {@code timeout} passes; the report names each object that is not healthy.
   */
  @Override
  public HealthReport health(Duration timeout) {
    Instant deadline = clock.instant().plus(timeout);
    while (true) {
      Health worst = Health.HEALTHY;
      List<String> reasons = new ArrayList<>();
      boolean terminal = false;
      for (JsonNode object : written) {
        ObjectKey key = keyOf(object);
        JsonNode live = get(object.path("apiVersion").asText(), key);
        WorkloadHealth.Verdict verdict =
            live == null
                ? new WorkloadHealth.Verdict(Health.PROGRESSING, "not found")
                : WorkloadHealth.of(key.group(), key.kind(), live);
        if (verdict.health() != Health.HEALTHY) {
          reasons.add(key + ": " + verdict.reason());
          worst = verdict.health().compareTo(worst) > 0 ? verdict.health() : worst;
          terminal |= verdict.terminal();
        }
      }
      if (worst == Health.HEALTHY) {
        return HealthReport.healthy(written.size() + " applied objects healthy");
      }
      Duration left = Duration.between(clock.instant(), deadline);
      if (terminal || left.isNegative() || left.isZero()) {
        return new HealthReport(worst, String.join("; ", reasons), "");
      }
      try {
        sleeper.sleep(left.compareTo(POLL) < 0 ? left : POLL);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new HealthReport(worst, "interrupted: " + String.join("; ", reasons), "");
      }
    }
  }

  @Override
  public Duration healthTimeout() {
    return spec.healthTimeout();
  }

  private static ObjectKey keyOf(JsonNode object) {
    JsonNode metadata = object.path("metadata");
    return new ObjectKey(
        ObjectKey.groupOf(object.path("apiVersion").asText()),
        object.path("kind").asText(),
        metadata.path("namespace").asText(null),
        metadata.path("name").asText());
  }

  private static String reason(KubernetesClientException e) {
    if (e.getStatus() != null && e.getStatus().getMessage() != null) {
      return e.getStatus().getMessage() + " (HTTP " + e.getCode() + ")";
    }
    return e.getMessage();
  }
}
