package io.driftless.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.driftless.api.auth.TokenAuthFeature;
import io.driftless.api.config.DriftlessConfiguration;
import io.driftless.api.config.ServerFiles;
import io.driftless.api.error.ApiExceptionMapper;
import io.driftless.api.events.EventsResource;
import io.driftless.api.health.BoundedHealthCheck;
import io.driftless.api.health.DatabaseHealthCheck;
import io.driftless.api.health.GitWorkDirHealthCheck;
import io.driftless.api.health.SchedulerHealthCheck;
import io.driftless.api.metrics.MetricsEndpoint;
import io.driftless.api.preview.PreviewsResource;
import io.driftless.api.preview.SourceHostResource;
import io.driftless.api.resources.AuditResource;
import io.driftless.api.resources.CredentialsResource;
import io.driftless.api.resources.EnvironmentsResource;
import io.driftless.api.resources.OpenApiResource;
import io.driftless.api.resources.PromotionsResource;
import io.driftless.api.resources.RunsResource;
import io.driftless.api.resources.SourcesResource;
import io.driftless.api.resources.TokensResource;
import io.driftless.api.ui.DashboardAssets;
import io.driftless.api.webhook.WebhookResource;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.ServerLifecycleListener;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.server.Server;
import org.glassfish.jersey.server.filter.HttpMethodOverrideFilter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The Driftless server: REST API, auth and health checks around the wired modules. */
public class DriftlessApplication extends Application<DriftlessConfiguration> {
  private static final Logger LOG = LoggerFactory.getLogger(DriftlessApplication.class);

  /** How long a health check that needs a pooled connection may take before it counts as down. */
  private static final java.time.Duration HEALTH_CHECK_BOUND = java.time.Duration.ofSeconds(3);

  private final Clock clock;
  private volatile DriftlessContext context;
  private volatile DriftlessConfiguration configuration;
  private final CompletableFuture<Server> started = new CompletableFuture<>();

  public DriftlessApplication() {
    this(Clock.systemUTC());
  }

  /** With the clock every module reads; tests move it instead of sleeping. */
  public DriftlessApplication(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String getName() {
    return "driftless";
  }

  @Override
  public void initialize(Bootstrap<DriftlessConfiguration> bootstrap) {
    // ${DRIFTLESS_DB_PASSWORD} and the like in the YAML, so secrets stay out of the file.
    bootstrap.setConfigurationSourceProvider(
        new SubstitutingSourceProvider(
            bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
    bootstrap.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
  }

  @Override
  public void run(DriftlessConfiguration config, Environment environment) {
    if (config.getServerFactory() instanceof AbstractServerFactory server) {
      // Every error, Jersey's and Jackson's included, goes through ApiExceptionMapper.
      server.setRegisterDefaultExceptionMappers(false);
    }
    environment.getObjectMapper().disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    // A misspelt field ("selfheal") must be refused, not silently ignored.
    environment.getObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    ServerFiles.checkTargetRoots(config);
    DriftlessContext ctx = DriftlessContext.build(config, environment.getObjectMapper(), clock);
    context = ctx;
    configuration = config;
    environment.lifecycle().manage(ctx);
    environment
        .lifecycle()
        .manage(
            new PeriodicPass(
                "retention",
                ctx.retention(),
                java.time.Duration.ofMillis(config.getRetention().interval().toMilliseconds())));
    environment
        .lifecycle()
        .manage(
            new PeriodicPass(
                "auto-promotion", ctx.autoPromotions(), DriftlessContext.AUTO_PROMOTION_INTERVAL));
    environment.lifecycle().addServerLifecycleListener(started::complete);

    environment.jersey().register(new ApiExceptionMapper());
    environment.jersey().register(new TokenAuthFeature(ctx.stores().tokens()));
    // Clients without PATCH (the CLI's HttpURLConnection) send POST + X-HTTP-Method-Override.
    environment
        .jersey()
        .register(new HttpMethodOverrideFilter(HttpMethodOverrideFilter.Source.HEADER));
    for (Object resource : resources(ctx)) {
      environment.jersey().register(resource);
    }
    MetricsEndpoint.register(environment, ctx, clock);
    DashboardAssets.register(environment);
    environment.lifecycle().addEventListener(ctx.events().closingOnStop());

    // Each check that needs a pooled connection answers within three seconds, so /healthcheck
    // turns red, rather than hanging, while the database is away.
    environment
        .healthChecks()
        .register(
            "database",
            BoundedHealthCheck.within(
                HEALTH_CHECK_BOUND,
                new DatabaseHealthCheck(ctx::databaseAnswers, ctx.databaseKind())));
    environment
        .healthChecks()
        .register(
            "scheduler",
            BoundedHealthCheck.within(
                HEALTH_CHECK_BOUND, new SchedulerHealthCheck(ctx.scheduler())));
    environment.healthChecks().register("git", new GitWorkDirHealthCheck(ctx.gitWorkDir()));

    String givenAdmin = config.getAuth().adminToken();
    if (givenAdmin != null) {
      if (ctx.tokens().registerFirstAdmin(givenAdmin)) {
        LOG.info("no API token existed: registered the admin token 'admin' from auth.adminToken");
      }
    } else {
      ctx.tokens()
          .issueFirstAdmin(config.getAuth().adminTokenFile(config.dataDir()))
          .ifPresent(
              file ->
                  LOG.info(
                      "no API token existed: created the admin token 'admin' in {} (mode 0600)",
                      file));
    }
  }

  /**
   * Every REST resource, in one list so tests can check the routes against the OpenAPI document.
   */
  public static List<Object> resources(DriftlessContext ctx) {
    return List.of(
        new SourcesResource(ctx.sources()),
        new EnvironmentsResource(ctx.environments(), ctx.actions(), ctx.runs(), ctx.promotions()),
        new RunsResource(ctx.runs()),
        new AuditResource(ctx.stores().audit()),
        new PromotionsResource(ctx.stores().promotions()),
        new TokensResource(ctx.tokens()),
        new CredentialsResource(ctx.credentials()),
        ctx.registryResource(),
        new WebhookResource(ctx.webhooks()),
        new EventsResource(ctx.events()),
        new PreviewsResource(ctx.stores().sources(), ctx.stores().previews(), ctx.previews()),
        new SourceHostResource(ctx.hostApis()),
        new OpenApiResource());
  }

  /** The configuration the server runs with; null before {@link #run}. */
  public DriftlessConfiguration configuration() {
    return configuration;
  }

  /** The port of the application connector, once the server has started. */
  public int port() {
    Server server = started.join();
    ServerLifecycleListener ports = s -> {};
    return ports.getLocalPort(server);
  }

  /** Blocks until the server stops (Ctrl-C). */
  public void awaitStop() throws InterruptedException {
    started.join().join();
  }

  /** The wired modules once {@link #run} has built them; null before. */
  public DriftlessContext context() {
    return context;
  }
}
