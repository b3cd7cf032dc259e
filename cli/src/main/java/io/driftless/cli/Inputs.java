package io.driftless.cli;

import io.driftless.api.model.IgnoreBody;
import io.driftless.api.model.NotificationTargetBody;
import io.driftless.cli.client.CliException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading what users give on the command line: secrets from files, NAME=VALUE pairs. */
final class Inputs {
  private Inputs() {}

  /**
   * A secret from a file (never from an argument, which {@code ps} shows), without its trailing
   * newline; null when no file was given.
   */
  static String secret(Path file, String what) {
    if (file == null) {
      return null;
    }
    try {
      return Files.readString(file).stripTrailing();
    } catch (IOException e) {
      throw new CliException("cannot read the " + what + " file " + file + ": " + e.getMessage());
    }
  }

  static Map<String, String> pairs(List<String> pairs, String option) {
    Map<String, String> values = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        throw new CliException(option + " takes NAME=VALUE, not '" + pair + "'");
      }
      values.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return values;
  }

  /**
   * A command line split into words as a POSIX shell would: blanks separate, 'single' and "double"
   * quotes group, a backslash escapes the next character (outside single quotes).
   */
  static List<String> words(String line, String option) {
    List<String> words = new ArrayList<>();
    StringBuilder word = null;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '\\' && quote != '\'') {
        if (i + 1 == line.length()) {
          throw new CliException(option + " ends with a lone backslash: " + line);
        }
        word = word == null ? new StringBuilder() : word;
        word.append(line.charAt(++i));
        continue;
      }
      if (quote != 0) {
        // Quoted: each character is the word's until the same quote closes (escapes are above).
        if (c == quote) {
          quote = 0;
        } else {
          word.append(c);
        }
        continue;
      }
      if (c == '\'' || c == '"') {
        quote = c;
        word = word == null ? new StringBuilder() : word;
      } else if (Character.isWhitespace(c)) {
        if (word != null) {
          words.add(word.toString());
          word = null;
        }
      } else {
        word = word == null ? new StringBuilder() : word;
        word.append(c);
      }
    }
    if (quote != 0) {
      throw new CliException(
          option + " has an unclosed " + quote + " quote: close it, e.g. 'helm template web .'");
    }
    if (word != null) {
      words.add(word.toString());
    }
    if (words.isEmpty()) {
      throw new CliException(option + " needs a command, e.g. 'kustomize build .'");
    }
    return words;
  }

  /** {@code KIND[.GROUP][/[NAMESPACE/]NAME]=POINTER[,POINTER]}, as {@code --ignore} takes it. */
  static IgnoreBody ignoreRule(String rule) {
    int eq = rule.indexOf('=');
    String example = " (e.g. 'Deployment.apps/web=/spec/replicas')";
    if (eq <= 0) {
      throw new CliException(
          "--ignore takes KIND[.GROUP][/[NAMESPACE/]NAME]=POINTER, not '" + rule + "'" + example);
    }
    String[] selector = rule.substring(0, eq).split("/", -1);
    if (selector.length > 3 || List.of(selector).contains("")) {
      throw new CliException(
          "--ignore: '"
              + rule.substring(0, eq)
              + "' is not KIND[.GROUP][/[NAMESPACE/]NAME]"
              + example);
    }
    List<String> pointers = List.of(rule.substring(eq + 1).split(",", -1));
    for (String pointer : pointers) {
      if (!pointer.startsWith("/")) {
        throw new CliException(
            "--ignore: a JSON pointer starts with '/', not '" + pointer + "'" + example);
      }
    }
    int dot = selector[0].indexOf('.');
    String kind = dot < 0 ? selector[0] : selector[0].substring(0, dot);
    String group = dot < 0 ? "" : selector[0].substring(dot + 1);
    String namespace = selector.length == 3 ? selector[1] : null;
    String name = selector.length == 1 ? null : selector[selector.length - 1];
    return new IgnoreBody(group, kind, namespace, name, pointers);
  }

  /**
   * {@code TYPE=URL[,secret-file=FILE][,events=E|E]}, as {@code --notify} takes it; the URL may
   * hold commas, the keys after it may not.
   */
  static NotificationTargetBody notification(String spec) {
    String usage =
        "--notify takes TYPE=URL[,secret-file=FILE][,events=E|E], e.g."
            + " 'webhook=https://ci.example.com/hook,secret-file=hook.secret', not '"
            + spec
            + "'";
    String[] parts = spec.split(",(?=[a-z-]+=)");
    int eq = parts[0].indexOf('=');
    if (eq <= 0 || eq == parts[0].length() - 1) {
      throw new CliException(usage);
    }
    String secret = null;
    List<String> events = null;
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      int at = part.indexOf('=');
      String value = part.substring(at + 1);
      switch (part.substring(0, at)) {
        case "secret-file" -> secret = secret(Path.of(value), "--notify secret");
        case "events" -> events = List.of(value.split("\\|"));
        default ->
            throw new CliException(
                "--notify: unknown key '"
                    + part.substring(0, at)
                    + "' (known: secret-file, events) in '"
                    + spec
                    + "'");
      }
    }
    return new NotificationTargetBody(
        parts[0].substring(0, eq), parts[0].substring(eq + 1), secret, events);
  }
}
