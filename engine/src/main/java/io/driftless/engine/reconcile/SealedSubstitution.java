package io.driftless.engine.reconcile;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a snapshot keeps of a file into which values of {@code variables.from} were substituted, to
 * substitute them again when its revision is no longer in Git: the file's Git form (with its {@code
 * ${NAME}}s, no value) and each {@code variables.from} file encrypted, as in Git. Never a plaintext
 * value. Stored as text: a first line of its own, then one base64 line per file.
 *
 * @param template the file as it is in Git
 * @param from the {@code variables.from} files by path, encrypted, in their order
 */
record SealedSubstitution(byte[] template, Map<String, byte[]> from) {
  private static final String MAGIC = "driftless sealed substitution 1";
  private static final Base64.Encoder ENCODER = Base64.getEncoder();
  private static final Base64.Decoder DECODER = Base64.getDecoder();

  SealedSubstitution {
    template = template.clone();
    from = new LinkedHashMap<>(from);
  }

  byte[] bytes() {
    StringBuilder text = new StringBuilder(MAGIC).append('\n');
    text.append(ENCODER.encodeToString(template)).append('\n');
    from.forEach(
        (path, encrypted) ->
            text.append(ENCODER.encodeToString(path.getBytes(UTF_8)))
                .append(' ')
                .append(ENCODER.encodeToString(encrypted))
                .append('\n'));
    return text.toString().getBytes(UTF_8);
  }

  /** The substitution {@code bytes} hold; empty for any other content. */
  static Optional<SealedSubstitution> read(byte[] bytes) {
    String text = new String(bytes, UTF_8);
    if (!text.startsWith(MAGIC + "\n")) {
      return Optional.empty();
    }
    String[] lines = text.split("\n", -1);
    Map<String, byte[]> from = new LinkedHashMap<>();
    for (int i = 2; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      String[] parts = lines[i].split(" ", 2);
      from.put(new String(DECODER.decode(parts[0]), UTF_8), DECODER.decode(parts[1]));
    }
    return Optional.of(new SealedSubstitution(DECODER.decode(lines[1]), from));
  }
}
