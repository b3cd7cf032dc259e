package io.driftless.api.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.driftless.api.events.EventsConfig;
import io.driftless.api.notify.NotificationsConfig;
import io.driftless.api.preview.PreviewsConfig;
import io.driftless.api.webhook.WebhookConfig;
import io.driftless.engine.domain.Require;
import io.dropwizard.core.Configuration;
import java.nio.file.Path;

/**
 * The server configuration: one small validated section per concern. Every section has defaults, so
 * that no file at all means H2 under {@code ./data}, port 8080 (admin 8081) and directory targets
 * under {@code ./data/targets}.
 */
public class DriftlessConfiguration extends Configuration {
  private String dataDir = "data";
  private DatabaseConfig database = DatabaseConfig.defaults();
  private GitConfig git = GitConfig.defaults();
  private TargetsConfig targets = TargetsConfig.defaults();
  private KubernetesConfig kubernetes = KubernetesConfig.defaults();
  private RenderConfig render = RenderConfig.defaults();
  private SecretsConfig secrets = SecretsConfig.defaults();
  private CommandsConfig commands = CommandsConfig.defaults();
  private SchedulerSettings scheduler = SchedulerSettings.defaults();
  private AuthConfig auth = AuthConfig.defaults();
  private WebhookConfig webhooks = WebhookConfig.defaults();
  private EventsConfig events = EventsConfig.defaults();
  private NotificationsConfig notifications = NotificationsConfig.defaults();
  private PreviewsConfig previews = PreviewsConfig.defaults();
  private RetentionConfig retention = RetentionConfig.defaults();

  /** The data directory, absolute; relative paths are taken from the working directory. */
  public Path dataDir() {
    return Path.of(dataDir).toAbsolutePath().normalize();
  }

  @JsonProperty("dataDir")
  public String getDataDir() {
    return dataDir;
  }

  @JsonProperty("dataDir")
  public void setDataDir(String dataDir) {
    Require.text(dataDir, "dataDir must not be empty");
    this.dataDir = dataDir;
  }

  @JsonProperty("database")
  public DatabaseConfig getDatabase() {
    return database;
  }

  @JsonProperty("database")
  public void setDatabase(DatabaseConfig database) {
    this.database = database == null ? DatabaseConfig.defaults() : database;
  }

  @JsonProperty("git")
  public GitConfig getGit() {
    return git;
  }

  @JsonProperty("git")
  public void setGit(GitConfig git) {
    this.git = git == null ? GitConfig.defaults() : git;
  }

  @JsonProperty("targets")
  public TargetsConfig getTargets() {
    return targets;
  }

  @JsonProperty("targets")
  public void setTargets(TargetsConfig targets) {
    this.targets = targets == null ? TargetsConfig.defaults() : targets;
  }

  @JsonProperty("kubernetes")
  public KubernetesConfig getKubernetes() {
    return kubernetes;
  }

  @JsonProperty("kubernetes")
  public void setKubernetes(KubernetesConfig kubernetes) {
    this.kubernetes = kubernetes == null ? KubernetesConfig.defaults() : kubernetes;
  }

  @JsonProperty("secrets")
  public SecretsConfig getSecrets() {
    return secrets;
  }

  @JsonProperty("secrets")
  public void setSecrets(SecretsConfig secrets) {
    this.secrets = secrets == null ? SecretsConfig.defaults() : secrets;
  }

  @JsonProperty("render")
  public RenderConfig getRender() {
    return render;
  }

  @JsonProperty("render")
  public void setRender(RenderConfig render) {
    this.render = render == null ? RenderConfig.defaults() : render;
  }

  @JsonProperty("commands")
  public CommandsConfig getCommands() {
    return commands;
  }

  @JsonProperty("commands")
  public void setCommands(CommandsConfig commands) {
    this.commands = commands == null ? CommandsConfig.defaults() : commands;
  }

  @JsonProperty("scheduler")
  public SchedulerSettings getScheduler() {
    return scheduler;
  }

  @JsonProperty("scheduler")
  public void setScheduler(SchedulerSettings scheduler) {
    this.scheduler = scheduler == null ? SchedulerSettings.defaults() : scheduler;
  }

  @JsonProperty("auth")
  public AuthConfig getAuth() {
    return auth;
  }

  @JsonProperty("auth")
  public void setAuth(AuthConfig auth) {
    this.auth = auth == null ? AuthConfig.defaults() : auth;
  }

  @JsonProperty("webhooks")
  public WebhookConfig getWebhooks() {
    return webhooks;
  }

  @JsonProperty("webhooks")
  public void setWebhooks(WebhookConfig webhooks) {
    this.webhooks = webhooks == null ? WebhookConfig.defaults() : webhooks;
  }

  @JsonProperty("events")
  public EventsConfig getEvents() {
    return events;
  }

  @JsonProperty("events")
  public void setEvents(EventsConfig events) {
    this.events = events == null ? EventsConfig.defaults() : events;
  }

  @JsonProperty("notifications")
  public NotificationsConfig getNotifications() {
    return notifications;
  }

  @JsonProperty("notifications")
  public void setNotifications(NotificationsConfig notifications) {
    this.notifications = notifications == null ? NotificationsConfig.defaults() : notifications;
  }

  @JsonProperty("previews")
  public PreviewsConfig getPreviews() {
    return previews;
  }

  @JsonProperty("previews")
  public void setPreviews(PreviewsConfig previews) {
    this.previews = previews == null ? PreviewsConfig.defaults() : previews;
  }

  @JsonProperty("retention")
  public RetentionConfig getRetention() {
    return retention;
  }

  @JsonProperty("retention")
  public void setRetention(RetentionConfig retention) {
    this.retention = retention == null ? RetentionConfig.defaults() : retention;
  }
}
