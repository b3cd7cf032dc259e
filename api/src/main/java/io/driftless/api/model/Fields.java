package io.driftless.api.model;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Checks shared by the wire records: each failure names the field it concerns. */
public final class Fields {
  private static final Pattern SIMPLE_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private Fields() {}

  /**
   * The field a Jackson mapping problem is at, e.g. {@code sync.windows[0].kind} in a request or
   * {@code server.applicationConnectors[0].port} in the configuration file.
   */
  public static String path(JsonMappingException problem) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : problem.getPath()) {
      if (ref.getFieldName() != null) {
        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  public static String required(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidFieldException(field, field + " is required");
    }
    return value;
  }

  public static <T> T required(String field, T value) {
    if (value == null) {
      throw new InvalidFieldException(field, field + " is required");
    }
    return value;
  }

  /** The fewest bytes a webhook secret may have: a shorter one can be guessed offline. */
  public static final int MIN_WEBHOOK_SECRET_BYTES = 16;

  /** Refuses a webhook secret shorter than {@link #MIN_WEBHOOK_SECRET_BYTES} UTF-8 bytes. */
  public static void webhookSecret(String field, String secret) {
    if (secret != null
        && !secret.isEmpty()
        && secret.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
            < MIN_WEBHOOK_SECRET_BYTES) {
      throw new InvalidFieldException(
          field, field + " must be at least " + MIN_WEBHOOK_SECRET_BYTES + " bytes long");
    }
  }

  /** Runs a domain constructor, turning its {@link IllegalArgumentException} into a field error. */
  public static <T> T check(String field, Supplier<T> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new InvalidFieldException(
          field, e.getMessage() == null ? field + " is invalid" : e.getMessage());
    }
  }

  /** {@code 30s}, {@code 5m}, {@code 2h}, {@code 500ms}, {@code 1d} or ISO-8601 ({@code PT5M}). */
  public static Duration duration(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    Matcher m = SIMPLE_DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          field, field + " must be a duration such as 30s, 5m, 1h or PT5M: " + value);
    }
  }

  /** The shortest exact form of {@link #duration}: {@code 3m}, {@code 90s}, {@code 250ms}. */
  public static String format(Duration duration) {
    if (duration == null) {
      return null;
    }
    long ms = duration.toMillis();
    if (ms % 3_600_000 == 0 && ms > 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0 && ms > 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }

  public static <E extends Enum<E>> E enumValue(String field, Class<E> type, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      StringBuilder allowed = new StringBuilder();
      for (E constant : type.getEnumConstants()) {
        allowed.append(allowed.length() == 0 ? "" : ", ").append(lower(constant));
      }
      throw new InvalidFieldException(field, field + " must be one of " + allowed + ": " + value);
    }
  }

  public static String lower(Enum<?> value) {
    return value == null ? null : value.name().toLowerCase(Locale.ROOT);
  }
}
