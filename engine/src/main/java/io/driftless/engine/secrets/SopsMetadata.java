package io.driftless.engine.secrets;

import io.driftless.engine.secrets.SopsTree.Bool;
import io.driftless.engine.secrets.SopsTree.Element;
import io.driftless.engine.secrets.SopsTree.Entry;
import io.driftless.engine.secrets.SopsTree.Int;
import io.driftless.engine.secrets.SopsTree.Mapping;
import io.driftless.engine.secrets.SopsTree.Member;
import io.driftless.engine.secrets.SopsTree.Node;
import io.driftless.engine.secrets.SopsTree.Null;
import io.driftless.engine.secrets.SopsTree.Sequence;
import io.driftless.engine.secrets.SopsTree.Text;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The {@code sops} block of a file: its recipients with the data key encrypted for each, the
 * encrypted MAC, and the rule for which values are encrypted.
 *
 * @param lastModified as written in the file; the MAC's additional data is derived from it
 * @param otherKeys recipients of kinds Driftless cannot use (cloud KMS, Vault), for messages
 */
record SopsMetadata(
    List<AgeKey> age,
    List<PgpKey> pgp,
    List<String> otherKeys,
    String lastModified,
    String mac,
    EncryptionRule rule,
    String version) {

  /** The version written into files made by Driftless: the metadata layout of SOPS 3.10+. */
  static final String WRITER_VERSION = "3.10.2";

  private static final Set<String> OTHER_KEY_KINDS =
      Set.of("kms", "gcp_kms", "azure_kv", "hc_vault", "hckms", "barbican", "acskms");

  record AgeKey(String recipient, String enc) {}

  record PgpKey(String createdAt, String enc, String fingerprint) {}

  SopsMetadata {
    age = List.copyOf(age);
    pgp = List.copyOf(pgp);
    otherKeys = List.copyOf(otherKeys);
  }

  /** Every recipient the file names, age recipients first, as error messages list them. */
  List<String> recipients() {
    List<String> all = new ArrayList<>();
    age.forEach(k -> all.add(k.recipient()));
    pgp.forEach(k -> all.add("PGP " + k.fingerprint()));
    all.addAll(otherKeys);
    return all;
  }

  /**
   * The MAC's additional data: {@code lastmodified} as Go's {@code time.RFC3339} formats the parsed
   * time (whole seconds, {@code Z} for UTC).
   */
  String macAdditionalData() {
    OffsetDateTime t = OffsetDateTime.parse(lastModified);
    String base = t.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss"));
    return base + (t.getOffset().equals(ZoneOffset.UTC) ? "Z" : t.getOffset().getId());
  }

  /** Reads the metadata from a file's {@code sops} mapping. */
  static SopsMetadata parse(String file, Mapping sops) {
    Reader r = new Reader(file);
    for (String key : List.of("encrypted_comment_regex", "unencrypted_comment_regex")) {
      if (sops.get(key) != null && !(sops.get(key) instanceof Null)) {
        throw new SopsUnsupportedException(
            file, key, "encrypt the file again with sops without " + key);
      }
    }
    List<AgeKey> age = new ArrayList<>();
    List<PgpKey> pgp = new ArrayList<>();
    List<String> other = new ArrayList<>();
    Node groups = sops.get("key_groups");
    if (groups instanceof Sequence s && !s.elements().isEmpty()) {
      List<Mapping> list = new ArrayList<>();
      for (Element e : s.elements()) {
        if (e instanceof Mapping m) {
          list.add(m);
        }
      }
      if (list.size() > 1) {
        throw new SopsUnsupportedException(
            file,
            "key groups with a Shamir threshold",
            "the data key is split between "
                + list.size()
                + " key groups; encrypt the file again for plain age or PGP recipients, without"
                + " key_groups");
      }
      if (!list.isEmpty()) {
        r.keys(list.get(0), age, pgp, other);
      }
    }
    r.keys(sops, age, pgp, other);
    String mac = r.string(sops, "mac", true);
    String version = r.string(sops, "version", true);
    String lastModified = r.string(sops, "lastmodified", true);
    try {
      OffsetDateTime.parse(lastModified);
    } catch (DateTimeParseException e) {
      throw new SopsMalformedException(
          file, 0, "sops.lastmodified is not an RFC 3339 time; the file is damaged");
    }
    boolean macOnly = false;
    Node macOnlyNode = sops.get("mac_only_encrypted");
    if (macOnlyNode instanceof Bool b) {
      macOnly = b.value();
    } else if (macOnlyNode instanceof Text t) {
      macOnly = t.value().equals("true");
    }
    EncryptionRule rule;
    try {
      rule =
          new EncryptionRule(
              r.string(sops, "unencrypted_suffix", false),
              r.string(sops, "encrypted_suffix", false),
              r.string(sops, "unencrypted_regex", false),
              r.string(sops, "encrypted_regex", false),
              macOnly);
    } catch (IllegalArgumentException e) {
      throw new SopsMalformedException(file, 0, "sops metadata: " + e.getMessage());
    }
    return new SopsMetadata(age, pgp, other, lastModified, mac, rule, version);
  }

  /** The {@code sops} mapping as SOPS 3.10+ writes it: empty recipient lists left out. */
  Mapping toMapping() {
    List<Member> m = new ArrayList<>();
    if (!age.isEmpty()) {
      m.add(keys("age", age, k -> List.of(text("recipient", k.recipient()), text("enc", k.enc()))));
    }
    m.add(text("lastmodified", lastModified));
    m.add(text("mac", mac));
    if (!pgp.isEmpty()) {
      m.add(
          keys(
              "pgp",
              pgp,
              k ->
                  List.of(
                      text("created_at", k.createdAt()),
                      text("enc", k.enc()),
                      text("fp", k.fingerprint()))));
    }
    addIfSet(m, "unencrypted_suffix", rule.unencryptedSuffix());
    addIfSet(m, "encrypted_suffix", rule.encryptedSuffix());
    addIfSet(m, "unencrypted_regex", rule.unencryptedRegex());
    addIfSet(m, "encrypted_regex", rule.encryptedRegex());
    if (rule.macOnlyEncrypted()) {
      m.add(new Entry("mac_only_encrypted", new Bool(true), 0));
    }
    m.add(text("version", version));
    return new Mapping(m);
  }

  private static void addIfSet(List<Member> m, String key, String value) {
    if (value != null) {
      m.add(text(key, value));
    }
  }

  private static Entry text(String key, String value) {
    return new Entry(key, new Text(value), 0);
  }

  /** {@code key:} a sequence of one mapping per recipient key, holding {@code fields} of it. */
  private static <K> Entry keys(String key, List<K> recipients, Function<K, List<Entry>> fields) {
    return new Entry(
        key,
        new Sequence(
            recipients.stream()
                .<Element>map(k -> new Mapping(List.<Member>copyOf(fields.apply(k))))
                .toList()),
        0);
  }

  /** Reads typed fields and names the field that is wrong. */
  private record Reader(String file) {
    String string(Mapping m, String key, boolean required) {
      Node n = m.get(key);
      if (n == null || n instanceof Null) {
        if (required) {
          throw new SopsMalformedException(
              file, 0, "sops metadata has no " + key + "; the file is damaged or not from SOPS");
        }
        return null;
      }
      if (n instanceof Text t) {
        return t.value();
      }
      if (n instanceof Int i) {
        return Long.toString(i.value());
      }
      throw new SopsMalformedException(file, 0, "sops." + key + " is not a string");
    }

    void keys(Mapping m, List<AgeKey> age, List<PgpKey> pgp, List<String> other) {
      for (Mapping k : list(m, "age")) {
        age.add(new AgeKey(string(k, "recipient", true).strip(), string(k, "enc", true)));
      }
      for (Mapping k : list(m, "pgp")) {
        String created = string(k, "created_at", false);
        pgp.add(
            new PgpKey(
                created == null ? "" : created,
                string(k, "enc", true),
                string(k, "fp", true).strip().toUpperCase(java.util.Locale.ROOT)));
      }
      for (String kind : OTHER_KEY_KINDS) {
        for (Mapping k : list(m, kind)) {
          String name = null;
          for (String field : List.of("arn", "resource_id", "vault_url", "vault_address", "id")) {
            if (k.get(field) instanceof Text t) {
              name = t.value();
              break;
            }
          }
          other.add(kind + (name == null ? "" : " " + name));
        }
      }
    }

    private List<Mapping> list(Mapping m, String key) {
      Node n = m.get(key);
      if (n == null || n instanceof Null) {
        return List.of();
      }
      if (!(n instanceof Sequence s)) {
        throw new SopsMalformedException(file, 0, "sops." + key + " is not a list");
      }
      List<Mapping> out = new ArrayList<>();
      for (Element e : s.elements()) {
        if (e instanceof Mapping km) {
          out.add(km);
        } else if (e instanceof Node) {
          throw new SopsMalformedException(file, 0, "sops." + key + " holds a non-mapping item");
        }
      }
      return out;
    }
  }
}
