package io.driftless.engine.render;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.driftless.engine.secrets.SopsDecryptor;
import io.driftless.engine.secrets.SopsFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The SOPS documents of a YAML stream a renderer made, decrypted (see {@link
 * DecryptingReader#decryptOutput}). The stream is cut at its document separators ({@code ---} at
 * the start of a line) as the text it is, not parsed, since a SOPS MAC covers the values in the
 * order they are written. Adjacent SOPS documents with the same MAC are the documents of one
 * multi-document SOPS file and are decrypted together, as that MAC covers them all.
 */
final class SopsDocuments {
  private static final Pattern SEPARATOR = Pattern.compile("^---(?:[ \\t].*)?$");
  private static final Pattern MAC = Pattern.compile("(?m)^[ \\t]+mac:[ \\t]*(\\S.*)$");

  /** How the decryptor reads each document: as YAML, whatever the output's name. */
  private static final String AS_YAML = "document.yaml";

  private SopsDocuments() {}

  /**
   * @param decrypted where each SOPS part's encrypted form is kept, by the part's name
   */
  static List<DecryptingReader.OutputPart> split(
      String name, byte[] output, SopsDecryptor decryptor, Map<String, byte[]> decrypted) {
    List<String> documents = documents(new String(output, UTF_8));
    if (documents.stream().noneMatch(SopsDocuments::isSops)) {
      return List.of(new DecryptingReader.OutputPart(name, output));
    }
    StringBuilder plain = new StringBuilder();
    List<DecryptingReader.OutputPart> parts = new ArrayList<>();
    for (int i = 0; i < documents.size(); ) {
      String document = documents.get(i);
      if (!isSops(document)) {
        plain.append(plain.isEmpty() ? "" : "---\n").append(document);
        i++;
        continue;
      }
      String part = name + ", SOPS document " + (i + 1);
      StringBuilder file = new StringBuilder(document);
      Optional<String> mac = mac(document);
      int next = i + 1;
      while (next < documents.size()
          && mac.isPresent()
          && isSops(documents.get(next))
          && mac.equals(mac(documents.get(next)))) {
        file.append("---\n").append(documents.get(next));
        next++;
      }
      byte[] encrypted = file.toString().getBytes(UTF_8);
      byte[] plaintext =
          DecryptingReader.failingRender(part, () -> decryptor.decrypt(AS_YAML, encrypted));
      decrypted.put(part, encrypted);
      parts.add(new DecryptingReader.OutputPart(part, plaintext));
      i = next;
    }
    parts.add(0, new DecryptingReader.OutputPart(name, plain.toString().getBytes(UTF_8)));
    return parts;
  }

  private static boolean isSops(String document) {
    return SopsFiles.isSopsOrStripped(AS_YAML, document.getBytes(UTF_8));
  }

  private static Optional<String> mac(String document) {
    Matcher m = MAC.matcher(document);
    return m.find() ? Optional.of(m.group(1).strip()) : Optional.empty();
  }

  /**
   * The documents of a stream, each with its own lines ending in a newline, separators left out.
   */
  private static List<String> documents(String text) {
    List<String> documents = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (SEPARATOR.matcher(line.stripTrailing()).matches()) {
        documents.add(current.toString());
        current.setLength(0);
      } else {
        current.append(line).append('\n');
      }
    }
    if (!current.toString().isBlank()) {
      documents.add(current.toString());
    }
    return documents;
  }
}
