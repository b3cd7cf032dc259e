package io.driftless.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.driftless.cli.client.WireJson;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one formatter of every client command: a table (or key/value list) for people, the wire
 * record itself as JSON or YAML for scripts. Colour only on a terminal and without {@code
 * NO_COLOR}; messages for people go to standard error in JSON/YAML mode, so a script's standard
 * output holds only the document.
 */
public final class Output {
  /** The {@code -o} values. */
  public enum Format {
    table,
    json,
    yaml
  }

  private static final String RESET = "\u001b[0m";

  private final PrintWriter out;
  private final PrintWriter err;
  private final Format format;
  private final boolean color;

  public Output(PrintWriter out, PrintWriter err, Format format, boolean color) {
    this.out = out;
    this.err = err;
    this.format = format;
    this.color = color;
  }

  /** Whether a script asked for a document ({@code -o json|yaml}). */
  public boolean structured() {
    return format != Format.table;
  }

  /** The value as JSON or YAML, or else the table it makes. */
  public void print(Object value, Supplier<Table> table) {
    if (structured()) {
      document(value);
    } else {
      table.get().print(out, this);
    }
    out.flush();
  }

  /** The items as JSON or YAML, or else {@code table} with one row of {@code cells} per item. */
  public <T> void rows(List<T> items, Table table, Function<T, Object[]> cells) {
    print(
        items,
        () -> {
          items.forEach(item -> table.row(cells.apply(item)));
          return table;
        });
  }

  /** The value as JSON or YAML, or else the name/value pairs, one per line. */
  public void fields(Object value, Supplier<Map<String, ?>> fields) {
    print(
        value,
        () -> {
          Table t = Table.withoutHeader("FIELD", "VALUE");
          fields.get().forEach((k, v) -> t.row(bold(k + ":"), v == null ? "-" : v.toString()));
          return t;
        });
  }

  /** The value as JSON or YAML, or else one line for people. */
  public void message(Object value, String line) {
    if (structured()) {
      document(value);
    } else {
      out.println(line);
    }
    out.flush();
  }

  /** A line for people: standard output in table mode, standard error for scripts. */
  public void say(String line) {
    PrintWriter w = structured() ? err : out;
    w.println(line);
    w.flush();
  }

  /** A remark for people that never mixes with the output: always standard error. */
  public void note(String line) {
    err.println(line);
    err.flush();
  }

  public void document(Object value) {
    try {
      out.println(mapper().writeValueAsString(value).stripTrailing());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    out.flush();
  }

  /** A unified diff, indented, with added lines green and removed lines red. */
  public String diff(String diff, int indent) {
    StringBuilder b = new StringBuilder();
    String pad = " ".repeat(indent);
    for (String line : diff.split("\n", -1)) {
      if (line.isEmpty() && b.length() > 0) {
        continue;
      }
      String styled =
          line.startsWith("+++") || line.startsWith("---")
              ? bold(line)
              : line.startsWith("+")
                  ? green(line)
                  : line.startsWith("-") ? red(line) : line.startsWith("@@") ? cyan(line) : line;
      b.append(pad).append(styled).append('\n');
    }
    return b.toString();
  }

  public PrintWriter out() {
    return out;
  }

  public boolean color() {
    return color;
  }

  public String bold(String s) {
    return style("1", s);
  }

  public String green(String s) {
    return style("32", s);
  }

  public String red(String s) {
    return style("31", s);
  }

  public String yellow(String s) {
    return style("33", s);
  }

  public String cyan(String s) {
    return style("36", s);
  }

  /** A status word in its colour: green when good, red when bad, yellow while it may change. */
  public String status(String status) {
    if (status == null) {
      return "-";
    }
    return switch (status) {
      case "succeeded", "no_op", "synced", "healthy" -> green(status);
      case "failed", "interrupted", "degraded", "error", "unhealthy" -> red(status);
      case "queued", "running", "out_of_sync", "progressing", "drifted" -> yellow(status);
      default -> status;
    };
  }

  private String style(String code, String s) {
    return color && s != null ? "\u001b[" + code + "m" + s + RESET : s;
  }

  /** The first 8 digits of a revision, as people quote them. */
  public static String shortRevision(String revision) {
    return revision == null ? "-" : revision.length() > 8 ? revision.substring(0, 8) : revision;
  }

  /** How long ago, as kubectl shows an age: {@code 42s}, {@code 5m}, {@code 3h}, {@code 2d}. */
  public static String age(Instant at) {
    if (at == null) {
      return "-";
    }
    Duration ago = Duration.between(at, Instant.now());
    return (ago.toSeconds() < 1 ? "0s" : span(ago)) + " ago";
  }

  public static String span(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 1) {
      return Math.max(0, d.toMillis()) + "ms";
    }
    if (s < 120) {
      return s + "s";
    }
    if (s < 7200) {
      return s / 60 + "m";
    }
    if (s < 172_800) {
      return s / 3600 + "h";
    }
    return s / 86_400 + "d";
  }

  private ObjectMapper mapper() {
    ObjectMapper m =
        format == Format.yaml
            ? new ObjectMapper(
                new YAMLFactory()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES))
            : new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    return WireJson.configure(m);
  }
}
