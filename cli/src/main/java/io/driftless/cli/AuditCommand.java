package io.driftless.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import io.driftless.api.model.ItemPage;
import io.driftless.cli.client.ApiClient;
import io.driftless.cli.output.Output;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code driftless audit}: who did what and why, newest first. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Who changed what through the API, and why; newest first.")
final class AuditCommand extends ListCommand<AuditCommand.AuditEntry> {
  /**
   * {@code AuditResponse} as read back: its {@code before}/{@code after} are raw JSON on the wire
   * ({@code @JsonRawValue}), which Jackson cannot read into the record's strings.
   */
  record AuditEntry(
      long id,
      Instant at,
      String actor,
      String action,
      String objectType,
      String objectName,
      String reason,
      JsonNode before,
      JsonNode after) {}

  @Option(names = "--actor", description = "Only what this token did.")
  String actor;

  @Option(names = "--action", description = "Only this action, e.g. environment.sync.")
  String action;

  @Option(names = "--type", description = "Only this kind of object: source, environment, token.")
  String objectType;

  @Option(names = "--object", description = "Only this object's name.")
  String object;

  @Option(names = "--since", description = "ISO-8601 instant, e.g. 2026-01-31T12:00:00Z.")
  String since;

  @Mixin LimitOption limit = new LimitOption(50);

  AuditCommand() {
    super("AGE", "ACTOR", "ACTION", "OBJECT", "REASON");
  }

  @Override
  List<AuditEntry> items(ApiClient api) {
    return limit.read(
        api,
        ApiClient.path("audit"),
        ApiClient.params(
            "actor", actor,
            "action", action,
            "objectType", objectType,
            "object", object,
            "since", since),
        new TypeReference<ItemPage<AuditEntry>>() {});
  }

  @Override
  Object[] row(AuditEntry e, Output out) {
    return new Object[] {
      Output.age(e.at()),
      e.actor(),
      e.action(),
      e.objectType() + "/" + e.objectName(),
      e.reason() == null || e.reason().isEmpty() ? "-" : e.reason()
    };
  }
}
