package io.driftless.storage.jdbi;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.driftless.engine.domain.CommandResult;
import io.driftless.engine.domain.CredentialName;
import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.domain.Health;
import io.driftless.engine.domain.HealthReport;
import io.driftless.engine.domain.Phase;
import io.driftless.engine.domain.PhaseTiming;
import io.driftless.engine.domain.PlaceState;
import io.driftless.engine.domain.PlaceStatus;
import io.driftless.engine.domain.ResourceKey;
import io.driftless.engine.domain.Revision;
import io.driftless.engine.domain.Secret;
import io.driftless.engine.domain.SourceDecryption;
import io.driftless.engine.domain.VerifyPolicy;
import io.driftless.engine.port.query.NotificationSummary;
import io.driftless.engine.port.query.NotificationTarget;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JSON columns: environment spec parts, verify policy, credentials (encrypted afterwards),
 * phases, commands, health and error details. Written field by field so that the stored shape does
 * not follow a refactoring of the engine's records by accident.
 */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  static JsonNode read(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored JSON is unreadable", e);
    }
  }

  // ---- sources

  static String verify(VerifyPolicy verify) {
    ObjectNode node = MAPPER.createObjectNode().put("mode", verify.mode().name());
    ArrayNode keys = node.putArray("trustedKeys");
    verify.trustedKeys().forEach(keys::add);
    return write(node);
  }

  static VerifyPolicy verify(String json) {
    JsonNode node = read(json);
    return new VerifyPolicy(
        VerifyPolicy.Mode.valueOf(node.path("mode").asText("NONE")),
        strings(node.path("trustedKeys")));
  }

  /** A source's decryption keys by credential name; null for none. */
  static String decryption(SourceDecryption decryption) {
    if (decryption.isEmpty()) {
      return null;
    }
    ObjectNode node = MAPPER.createObjectNode();
    ArrayNode names = node.putArray("identities");
    decryption.identities().forEach(n -> names.add(n.value()));
    return write(node);
  }

  static SourceDecryption decryption(String json) {
    if (json == null) {
      return SourceDecryption.none();
    }
    return new SourceDecryption(
        strings(read(json).path("identities")).stream().map(CredentialName::of).toList());
  }

  static String authType(GitAuth auth) {
    return GitAuth.label(auth);
  }

  /** The credentials as JSON, to be encrypted; null for anonymous access. */
  static String auth(GitAuth auth) {
    ObjectNode node = MAPPER.createObjectNode().put("type", authType(auth));
    if (auth instanceof GitAuth.Token token) {
      node.put("username", token.username()).put("token", token.token().reveal());
    } else if (auth instanceof GitAuth.Basic basic) {
      node.put("username", basic.username()).put("password", basic.password().reveal());
    } else if (auth instanceof GitAuth.Named named) {
      node.put("credential", named.credential().value()).put("knownHosts", named.knownHosts());
    } else if (auth instanceof GitAuth.SshKey ssh) {
      node.put("privateKey", ssh.privateKey().reveal()).put("knownHosts", ssh.knownHosts());
      if (ssh.passphrase() != null) {
        node.put("passphrase", ssh.passphrase().reveal());
      }
    } else {
      return null;
    }
    return write(node);
  }

  static GitAuth auth(String json) {
    if (json == null) {
      return GitAuth.none();
    }
    JsonNode node = read(json);
    return switch (node.path("type").asText()) {
      case "token" ->
          new GitAuth.Token(
              node.path("username").asText(null), Secret.of(node.path("token").asText()));
      case "basic" ->
          new GitAuth.Basic(
              node.path("username").asText(), Secret.of(node.path("password").asText()));
      case "ssh" ->
          new GitAuth.SshKey(
              Secret.of(node.path("privateKey").asText()),
              node.hasNonNull("passphrase") ? Secret.of(node.get("passphrase").asText()) : null,
              node.path("knownHosts").asText());
      case "credential" ->
          new GitAuth.Named(
              CredentialName.of(node.path("credential").asText()),
              node.path("knownHosts").asText(null));
      default -> GitAuth.none();
    };
  }

  // ---- notification targets

  /** The targets with their URLs and keys, to be encrypted. */
  static String notificationTargets(List<NotificationTarget> targets) {
    ArrayNode array = MAPPER.createArrayNode();
    for (NotificationTarget t : targets) {
      ObjectNode node = array.addObject().put("type", t.type().name()).put("url", t.url().reveal());
      if (t.signingKey() != null) {
        node.put("signingKey", t.signingKey().reveal());
      }
      ArrayNode events = node.putArray("events");
      t.events().forEach(events::add);
    }
    return write(array);
  }

  static List<NotificationTarget> notificationTargets(String json) {
    List<NotificationTarget> targets = new ArrayList<>();
    for (JsonNode t : read(json)) {
      targets.add(
          new NotificationTarget(
              NotificationTarget.Type.valueOf(t.path("type").asText()),
              Secret.of(t.path("url").asText()),
              t.hasNonNull("signingKey") ? Secret.of(t.get("signingKey").asText()) : null,
              strings(t.path("events"))));
    }
    return targets;
  }

  static String notificationSummaries(List<NotificationSummary> summaries) {
    ArrayNode array = MAPPER.createArrayNode();
    for (NotificationSummary s : summaries) {
      ObjectNode node =
          array.addObject().put("type", s.type()).put("host", s.host()).put("signed", s.signed());
      ArrayNode events = node.putArray("events");
      s.events().forEach(events::add);
    }
    return write(array);
  }

  static List<NotificationSummary> notificationSummaries(String json) {
    List<NotificationSummary> summaries = new ArrayList<>();
    if (json == null) {
      return summaries;
    }
    for (JsonNode s : read(json)) {
      summaries.add(
          new NotificationSummary(
              s.path("type").asText(),
              s.path("host").asText(),
              s.path("signed").asBoolean(),
              strings(s.path("events"))));
    }
    return summaries;
  }

  // ---- runs

  /**
   * The state and applied revision of each place, as an object by place: {@code {"web1:22":
   * {"state": "SYNCED", "revision": "<40 hex>"}}}, the revision left out when none is known.
   */
  static String places(Map<String, PlaceStatus> places) {
    ObjectNode node = MAPPER.createObjectNode();
    new TreeMap<>(places)
        .forEach(
            (place, status) -> {
              ObjectNode entry = node.putObject(place).put("state", status.state().name());
              if (status.revision() != null) {
                entry.put("revision", status.revision().value());
              }
            });
    return write(node);
  }

  /** Reads {@link #places(Map)}, and the bare state by place that V37's rows hold. */
  static Map<String, PlaceStatus> places(String json) {
    if (json == null) {
      return Map.of();
    }
    Map<String, PlaceStatus> places = new TreeMap<>();
    read(json)
        .properties()
        .forEach(
            e -> {
              JsonNode entry = e.getValue();
              places.put(
                  e.getKey(),
                  entry.isTextual()
                      ? new PlaceStatus(PlaceState.valueOf(entry.asText()), null)
                      : new PlaceStatus(
                          PlaceState.valueOf(entry.path("state").asText()),
                          entry.hasNonNull("revision")
                              ? Revision.of(entry.get("revision").asText())
                              : null));
            });
    return places;
  }

  static String keys(List<ResourceKey> keys) {
    ArrayNode array = MAPPER.createArrayNode();
    keys.forEach(k -> array.add(k.value()));
    return write(array);
  }

  static List<ResourceKey> keys(JsonNode array) {
    List<ResourceKey> keys = new ArrayList<>();
    for (JsonNode k : array) {
      keys.add(ResourceKey.of(k.asText()));
    }
    return keys;
  }

  /** Phases with times as numbers: parsing ISO text was most of the cost of a history row. */
  static String phases(List<PhaseTiming> phases) {
    ArrayNode array = MAPPER.createArrayNode();
    for (PhaseTiming p : phases) {
      array
          .addObject()
          .put("phase", p.phase().name())
          .put("startedAtSeconds", p.startedAt().getEpochSecond())
          .put("startedAtNanos", p.startedAt().getNano())
          .put("durationNanos", p.duration().toNanos());
    }
    return write(array);
  }

  /** Read on every history row, so streamed rather than built as a tree. */
  static List<PhaseTiming> phases(String json) {
    List<PhaseTiming> phases = new ArrayList<>();
    if (json == null) {
      return phases;
    }
    try (JsonParser p = MAPPER.getFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_ARRAY) {
        throw new IllegalStateException("stored phases are not an array");
      }
      while (p.nextToken() == JsonToken.START_OBJECT) {
        String phase = null;
        long seconds = 0;
        long nanos = 0;
        long duration = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          p.nextToken();
          switch (field) {
            case "phase" -> phase = p.getText();
            case "startedAtSeconds" -> seconds = p.getLongValue();
            case "startedAtNanos" -> nanos = p.getLongValue();
            case "durationNanos" -> duration = p.getLongValue();
            default -> p.skipChildren();
          }
        }
        phases.add(
            new PhaseTiming(
                Phase.valueOf(phase),
                Instant.ofEpochSecond(seconds, nanos),
                Duration.ofNanos(duration)));
      }
    } catch (IOException e) {
      throw new IllegalStateException("stored phases are unreadable", e);
    }
    return phases;
  }

  static String commands(List<CommandResult> commands) {
    ArrayNode array = MAPPER.createArrayNode();
    for (CommandResult c : commands) {
      array
          .addObject()
          .put("name", c.name())
          .put("exitCode", c.exitCode())
          .put("timedOut", c.timedOut())
          .put("duration", c.duration() == null ? null : c.duration().toString())
          .put("output", c.output());
    }
    return write(array);
  }

  static List<CommandResult> commands(String json) {
    List<CommandResult> commands = new ArrayList<>();
    if (json == null) {
      return commands;
    }
    for (JsonNode c : read(json)) {
      commands.add(
          new CommandResult(
              c.path("name").asText(null),
              c.path("exitCode").asInt(),
              c.path("timedOut").asBoolean(),
              duration(c.get("duration")),
              c.path("output").asText("")));
    }
    return commands;
  }

  static String health(HealthReport health) {
    return write(
        MAPPER
            .createObjectNode()
            .put("health", health.health().name())
            .put("message", health.message())
            .put("output", health.output()));
  }

  static HealthReport health(String json) {
    if (json == null) {
      return null;
    }
    JsonNode node = read(json);
    return new HealthReport(
        Health.valueOf(node.path("health").asText("UNKNOWN")),
        node.path("message").asText(""),
        node.path("output").asText(""));
  }

  static String stringMap(Map<String, String> map) {
    ObjectNode node = MAPPER.createObjectNode();
    map.forEach(node::put);
    return write(node);
  }

  static Map<String, String> stringMap(String json) {
    Map<String, String> map = new LinkedHashMap<>();
    if (json == null) {
      return map;
    }
    for (Map.Entry<String, JsonNode> field : read(json).properties()) {
      map.put(field.getKey(), field.getValue().asText());
    }
    return map;
  }

  // ---- helpers

  static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : array) {
      out.add(n.asText());
    }
    return out;
  }

  static Duration duration(JsonNode node) {
    return node == null || node.isNull() ? null : Duration.parse(node.asText());
  }

  static ZoneId zone(JsonNode node) {
    return node == null || node.isNull() ? null : ZoneId.of(node.asText());
  }
}
