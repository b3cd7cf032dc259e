package io.driftless.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.driftless.api.config.DriftlessConfiguration;
import io.driftless.api.events.EventLog;
import io.driftless.api.events.EventRecorder;
import io.driftless.api.events.EventStream;
import io.driftless.api.notify.Deliveries;
import io.driftless.api.notify.Notifier;
import io.driftless.api.preview.AppliedStatuses;
import io.driftless.api.preview.PreviewService;
import io.driftless.api.preview.SourceHostApis;
import io.driftless.api.resources.RegistryResource;
import io.driftless.api.service.Audit;
import io.driftless.api.service.AutoPromotions;
import io.driftless.api.service.CredentialRegistry;
import io.driftless.api.service.EnvironmentActions;
import io.driftless.api.service.EnvironmentRegistry;
import io.driftless.api.service.EnvironmentSets;
import io.driftless.api.service.PinAudit;
import io.driftless.api.service.PromotionApplications;
import io.driftless.api.service.PromotionPullRequests;
import io.driftless.api.service.Promotions;
import io.driftless.api.service.RegistryDocuments;
import io.driftless.api.service.RegistryExport;
import io.driftless.api.service.RegistryReconciler;
import io.driftless.api.service.RegistrySchema;
import io.driftless.api.service.RegistryTargets;
import io.driftless.api.service.RevisionCommits;
import io.driftless.api.service.RollbackGit;
import io.driftless.api.service.RunHistory;
import io.driftless.api.service.SourceRegistry;
import io.driftless.api.service.SourceTrees;
import io.driftless.api.service.TokenRegistry;
import io.driftless.api.webhook.WebhookReceiver;
import io.driftless.engine.domain.GitUrlPolicy;
import io.driftless.engine.domain.TargetSpec;
import io.driftless.engine.git.GitReader;
import io.driftless.engine.git.jgit.JGitMirror;
import io.driftless.engine.port.Stores;
import io.driftless.engine.process.CommandPolicy;
import io.driftless.engine.reconcile.Reconciler;
import io.driftless.engine.reconcile.Retirement;
import io.driftless.engine.render.FilesRenderer;
import io.driftless.engine.render.RenderCache;
import io.driftless.engine.render.RenderLimits;
import io.driftless.engine.render.Renderer;
import io.driftless.engine.render.RenderersByType;
import io.driftless.engine.secrets.SyncDecryption;
import io.driftless.engine.sensitive.SensitiveValues;
import io.driftless.engine.target.TargetFactory;
import io.driftless.engine.target.TargetsByType;
import io.driftless.engine.verify.SignatureVerifier;
import io.driftless.kubernetes.render.CommandRenderer;
import io.driftless.kubernetes.render.ManifestsRenderer;
import io.driftless.kubernetes.target.KubernetesTargetFactory;
import io.driftless.scheduler.EnvironmentScheduler;
import io.driftless.scheduler.SchedulerConfig;
import io.driftless.scheduler.SchedulerPorts;
import io.driftless.ssh.target.SshTargetFactory;
import io.driftless.storage.Storage;
import io.dropwizard.lifecycle.Managed;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import javax.sql.DataSource;

/**
 * The composition root: every module wired by hand from the configuration, once. Resources get the
 * services from here; the follow-ups hang off {@link #observers()} (SSE, run metrics), {@link
 * #registry()} (the Prometheus endpoint) and {@link #scheduler()} (webhooks request runs the same
 * way the sync endpoint does).
 */
public final class DriftlessContext implements Managed {
  private static final int RENDER_CACHE_SIZE = 64;

  /** How often the environments with {@code promotion.auto} are checked. */
  static final Duration AUTO_PROMOTION_INTERVAL = Duration.ofSeconds(30);

  private final Storage storage;
  private final Stores stores;
  private final KubernetesTargetFactory kubernetes;
  private final SshTargetFactory ssh;
  private final JGitMirror git;
  private final Reconciler reconciler;
  private final Retirement retirement;
  private final EnvironmentScheduler scheduler;
  private final PrometheusRegistry registry;
  private final RunObservers observers;
  private final Path gitWorkDir;
  private final SourceRegistry sources;
  private final EnvironmentRegistry environments;
  private final EnvironmentActions actions;
  private final RunHistory runs;
  private final TokenRegistry tokens;
  private final CredentialRegistry credentials;
  private final WebhookReceiver webhooks;
  private final EventStream events;
  private final Deliveries deliveries;
  private final PreviewService previews;
  private final SourceHostApis hostApis;
  private final Promotions promotions;
  private final AutoPromotions autoPromotions;
  private final RegistryResource registryResource;

  private DriftlessContext(DriftlessConfiguration config, ObjectMapper json, Clock clock) {
    Path dataDir = config.dataDir();
    this.registry = new PrometheusRegistry();
    this.observers = new RunObservers();
    this.storage =
        Storage.open(
            config
                .getDatabase()
                .buildStorageConfig(dataDir)
                .withRetention(config.getRetention().buildPolicy()),
            clock);
    CommandPolicy commands = config.getCommands().buildPolicy();
    this.kubernetes = config.getKubernetes().buildTargets(clock, commands);
    this.ssh =
        config.getTargets().ssh().buildTargets(storage.stores().credentials(), commands, clock);
    try {
      this.gitWorkDir = config.getGit().workDir(dataDir);
      this.git = config.getGit().buildMirror(dataDir, storage.stores().credentials());
      GitReader reader = git.reader();
      SchedulerConfig schedulerConfig = config.getScheduler().buildSchedulerConfig();
      // The registry target reconciles through the registry reconciler, which checks targets:
      // both are built from this set, so the registry target reaches them once they exist. So
      // does the engine's retirement run, which prunes a retired environment's files (cascade).
      AtomicReference<RegistryReconciler> registryReconciler = new AtomicReference<>();
      AtomicReference<Retirement> retirements = new AtomicReference<>();
      RegistryDocuments documents = new RegistryDocuments(json);
      GitUrlPolicy urls = config.getGit().buildUrlPolicy();
      SourceTrees trees = new SourceTrees(storage.stores().sources(), reader, urls);
      TargetFactory targets =
          new TargetsByType(
              Map.of(
                  TargetSpec.Registry.TYPE,
                  new RegistryTargets(
                      storage.stores(),
                      documents,
                      config.getTargets().allowedRoots(dataDir),
                      registryReconciler::get,
                      retirements::get,
                      trees),
                  "directory",
                  config.getTargets().buildDirectoryTargets(dataDir, commands, clock),
                  "kubernetes",
                  kubernetes,
                  "ssh",
                  ssh));
      RenderLimits limits = config.getRender().buildLimits();
      // Renderers are made per render, so that one reads through a decrypting reader.
      Function<GitReader, Renderer> renderers =
          source ->
              new RenderersByType(
                  Map.of(
                      "files", new FilesRenderer(source, limits),
                      "manifests", new ManifestsRenderer(source, limits),
                      "command",
                          new CommandRenderer(
                              source, dataDir.resolve("render"), limits, commands)));
      Reconciler.Settings engineSettings =
          new Reconciler.Settings(schedulerConfig.leaseOwner(), null);
      this.retirement =
          new Retirement(targets, storage.enginePorts(), clock, engineSettings, observers);
      retirements.set(this.retirement);
      this.reconciler =
          new Reconciler(
              reader,
              new SignatureVerifier()::verify,
              new RenderCache(renderers, RENDER_CACHE_SIZE),
              targets,
              storage.enginePorts(),
              clock,
              engineSettings,
              observers,
              new SyncDecryption(
                  config.getSecrets().buildIdentities(),
                  storage.stores().credentials()::find,
                  storage.keyedHash(SyncDecryption.KEY_PURPOSE)));
      Stores stores = storage.stores();
      this.stores = stores;
      SensitiveValues sensitive =
          new SensitiveValues(storage.keyedHash(SensitiveValues.KEY_PURPOSE));
      this.scheduler =
          EnvironmentScheduler.open(
              schedulerConfig,
              storage.lentPool().dataSource(),
              new SchedulerPorts(
                  reconciler::reconcile,
                  stores.runs(),
                  new StoredRunInterruptions(stores.environments(), stores.runs(), clock),
                  new AuditedWindowOverrides(stores.audit()),
                  stores.locks()),
              clock,
              registry);
      Audit audit = new Audit(stores.audit(), json, clock);
      this.sources = new SourceRegistry(stores.sources(), audit, urls, stores.owners());
      this.environments =
          new EnvironmentRegistry(
              stores,
              targets,
              commands,
              scheduler,
              audit,
              new RevisionCommits(reader, stores.sources()));
      registryReconciler.set(new RegistryReconciler(stores, urls, environments, scheduler, audit));
      this.registryResource =
          new RegistryResource(
              documents,
              registryReconciler.get(),
              new RegistryExport(stores, documents),
              new RegistrySchema(json),
              new EnvironmentSets(documents),
              trees);
      this.actions =
          new EnvironmentActions(
              stores,
              scheduler,
              reconciler,
              new RollbackGit(
                  stores.sources(), reader, git.writer(), config.getGit().buildCommitIdentity()),
              audit,
              clock,
              sensitive);
      observers.add(new PinAudit(audit, stores.environments()));
      this.runs = new RunHistory(stores, sensitive);
      this.tokens = new TokenRegistry(stores.tokens(), audit);
      this.credentials = new CredentialRegistry(stores.credentials(), audit);
      this.previews =
          new PreviewService(
              stores, reader, reconciler, sensitive, audit, json, config.getPreviews(), registry);
      observers.add(new AppliedStatuses(stores.environments(), previews));
      this.hostApis = new SourceHostApis(stores.sources(), stores.hostApis(), audit, urls);
      this.promotions =
          new Promotions(
              stores,
              reader,
              git.writer(),
              config.getGit().buildCommitIdentity(),
              new PromotionPullRequests(stores.hostApis(), previews.hosts()),
              audit);
      this.autoPromotions = new AutoPromotions(stores, promotions, clock);
      observers.add(
          new PromotionApplications(
              stores, git.writer(), config.getGit().buildCommitIdentity(), clock, registry));
      this.webhooks =
          new WebhookReceiver(
              stores, scheduler, json, config.getWebhooks(), clock, registry, previews);
      this.deliveries = new Deliveries(config.getNotifications(), stores, json, clock, registry);
      Notifier notifier = new Notifier(deliveries, stores, json, clock);
      observers.add(notifier);
      audit.addListener(notifier);
      EventLog eventLog = new EventLog(stores.events(), json);
      observers.add(new EventRecorder(eventLog, stores.environments(), clock));
      this.events =
          new EventStream(
              eventLog, json, clock, config.getEvents(), hashes -> stores.tokens().current(hashes));
    } catch (RuntimeException e) {
      ssh.close();
      storage.close();
      throw e;
    }
  }

  public static DriftlessContext build(
      DriftlessConfiguration config, ObjectMapper json, Clock clock) {
    return new DriftlessContext(config, json, clock);
  }

  @Override
  public void start() {
    events.start();
    scheduler.start();
  }

  @Override
  public void stop() {
    try {
      events.stop();
      scheduler.close();
    } finally {
      deliveries.close();
      previews.close();
      reconciler.close();
      retirement.close();
      kubernetes.close();
      ssh.close();
      git.close();
      storage.close();
    }
  }

  /** Every store port; nothing outside this class names the storage module. */
  public Stores stores() {
    return stores;
  }

  /** One retention pass (runs, snapshots, deliveries, closed previews); returns its report. */
  public Supplier<?> retention() {
    return () -> storage.retention().run();
  }

  /** Whether the database answers a query; for the health check and the metrics. */
  public boolean databaseAnswers() {
    return storage.ping();
  }

  /** The database in use, e.g. {@code h2} or {@code postgresql}. */
  public String databaseKind() {
    return storage.config().dialect().name().toLowerCase(Locale.ROOT);
  }

  /** The connection pool, for its metrics. */
  public DataSource pool() {
    return storage.lentPool().dataSource();
  }

  public EnvironmentScheduler scheduler() {
    return scheduler;
  }

  public Reconciler reconciler() {
    return reconciler;
  }

  public PrometheusRegistry registry() {
    return registry;
  }

  public RunObservers observers() {
    return observers;
  }

  public Path gitWorkDir() {
    return gitWorkDir;
  }

  public SourceRegistry sources() {
    return sources;
  }

  public EnvironmentRegistry environments() {
    return environments;
  }

  public EnvironmentActions actions() {
    return actions;
  }

  public Promotions promotions() {
    return promotions;
  }

  /**
   * One auto-promotion pass ({@code promotion.auto.afterHealthy}); returns what it promoted, null
   * when nothing, so that an idle pass logs nothing.
   */
  public Supplier<?> autoPromotions() {
    return () -> {
      var made = autoPromotions.pass();
      return made.isEmpty() ? null : made.stream().map(p -> p.message()).toList();
    };
  }

  public RunHistory runs() {
    return runs;
  }

  public TokenRegistry tokens() {
    return tokens;
  }

  /** Environments as code: apply, export, schema. */
  public RegistryResource registryResource() {
    return registryResource;
  }

  public CredentialRegistry credentials() {
    return credentials;
  }

  public JGitMirror git() {
    return git;
  }

  public WebhookReceiver webhooks() {
    return webhooks;
  }

  public EventStream events() {
    return events;
  }

  public PreviewService previews() {
    return previews;
  }

  public SourceHostApis hostApis() {
    return hostApis;
  }
}
