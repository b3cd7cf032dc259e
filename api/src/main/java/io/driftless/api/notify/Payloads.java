package io.driftless.api.notify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The bodies Driftless posts: its own JSON for generic webhooks, and Slack's message shape. */
final class Payloads {
  private static final int MAX_REASON = 1000;
  private static final int MAX_DRIFTED_SHOWN = 10;

  private final ObjectMapper json;
  private final String externalUrl;

  Payloads(ObjectMapper json, String externalUrl) {
    this.json = json;
    this.externalUrl = externalUrl;
  }

  /** The generic body: the event's facts, flat, with a link to what it is about. */
  byte[] generic(NotificationEvent e, String deliveryId) {
    ObjectNode node =
        json.createObjectNode()
            .put("id", deliveryId)
            .put("event", e.kind().wireName())
            .put("environment", e.environment().value())
            .put("run", e.run())
            .put("revision", e.revision())
            .put("status", e.status())
            .put("trigger", e.trigger())
            .put("actor", e.actor())
            .put("reason", clip(e.reason()))
            .put("time", e.at().toString())
            .put("link", link(e));
    ArrayNode drifted = node.putArray("drifted");
    e.drifted().forEach(drifted::add);
    return bytes(node);
  }

  /** A Slack incoming-webhook message: {@code text} for notifications, {@code blocks} to read. */
  byte[] slack(NotificationEvent e) {
    String title = title(e);
    String link = link(e);
    StringBuilder body = new StringBuilder("*").append(escape(title)).append("*");
    if (e.reason() != null && !e.reason().isBlank()) {
      body.append("\n").append(escape(clip(e.reason())));
    }
    if (!e.drifted().isEmpty()) {
      body.append("\nDrifted: ");
      e.drifted().stream()
          .limit(MAX_DRIFTED_SHOWN)
          .forEach(k -> body.append("`").append(escape(k)).append("` "));
      if (e.drifted().size() > MAX_DRIFTED_SHOWN) {
        body.append("and ").append(e.drifted().size() - MAX_DRIFTED_SHOWN).append(" more");
      }
    }
    ObjectNode node = json.createObjectNode().put("text", title);
    ArrayNode blocks = node.putArray("blocks");
    blocks
        .addObject()
        .put("type", "section")
        .set("text", json.createObjectNode().put("type", "mrkdwn").put("text", body.toString()));
    StringBuilder context = new StringBuilder();
    if (e.revision() != null) {
      context.append("revision `").append(shortId(e.revision())).append("`");
    }
    if (e.actor() != null) {
      context.append(context.isEmpty() ? "" : " · ").append("by ").append(escape(e.actor()));
    }
    context.append(context.isEmpty() ? "" : " · ").append(e.at().toString());
    if (link.startsWith("http")) {
      context.append(" · <").append(link).append("|details>");
    }
    blocks
        .addObject()
        .put("type", "context")
        .putArray("elements")
        .addObject()
        .put("type", "mrkdwn")
        .put("text", context.toString());
    return bytes(node);
  }

  /** {@code sha256=<hex>} of the body under the key, as the receiver recomputes it. */
  static String signature(byte[] key, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is required by every Java runtime", e);
    }
  }

  static String title(NotificationEvent e) {
    String what = "Environment " + e.environment().value() + ": " + e.kind().headline();
    if (e.run() != null) {
      what += " (run " + e.run() + ")";
    }
    return what;
  }

  /** The run when there is one, else the environment; absolute when the external URL is known. */
  String link(NotificationEvent e) {
    String path =
        e.run() != null
            ? "/api/v1/runs/" + e.run()
            : "/api/v1/environments/" + e.environment().value();
    return externalUrl == null ? path : externalUrl + path;
  }

  private byte[] bytes(ObjectNode node) {
    try {
      return json.writeValueAsString(node).getBytes(StandardCharsets.UTF_8);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("cannot write a notification", ex);
    }
  }

  private static String clip(String text) {
    if (text == null || text.length() <= MAX_REASON) {
      return text;
    }
    return text.substring(0, MAX_REASON) + "…";
  }

  private static String shortId(String revision) {
    return revision.length() > 12 ? revision.substring(0, 12) : revision;
  }

  /** Slack's three control characters; everything else is shown as written. */
  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
  }
}
