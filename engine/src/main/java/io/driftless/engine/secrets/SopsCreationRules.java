package io.driftless.engine.secrets;

import io.driftless.engine.secrets.SopsTree.Bool;
import io.driftless.engine.secrets.SopsTree.Element;
import io.driftless.engine.secrets.SopsTree.Entry;
import io.driftless.engine.secrets.SopsTree.Mapping;
import io.driftless.engine.secrets.SopsTree.Member;
import io.driftless.engine.secrets.SopsTree.Node;
import io.driftless.engine.secrets.SopsTree.Null;
import io.driftless.engine.secrets.SopsTree.Sequence;
import io.driftless.engine.secrets.SopsTree.Text;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The {@code creation_rules} of a {@code .sops.yaml}: for a file (its path relative to the
 * directory of the {@code .sops.yaml}), the first rule whose {@code path_regex} is found in the
 * path, or that has none, gives the age recipients, PGP fingerprints and encryption rule.
 *
 * <p>Supported keys: {@code path_regex}, {@code age} and {@code pgp} (comma-separated or lists),
 * {@code encrypted_regex}, {@code unencrypted_regex}, {@code encrypted_suffix}, {@code
 * unencrypted_suffix}, {@code mac_only_encrypted}. Key groups, Shamir thresholds and cloud KMS keys
 * are refused with an explanation.
 */
public final class SopsCreationRules {
  private static final Set<String> UNSUPPORTED =
      Set.of(
          "key_groups",
          "shamir_threshold",
          "kms",
          "aws_profile",
          "gcp_kms",
          "azure_keyvault",
          "hc_vault_transit_uri",
          "hckms",
          "encrypted_comment_regex",
          "unencrypted_comment_regex");

  /** One rule: who to encrypt for and which values. */
  public record Rule(List<String> age, List<String> pgpFingerprints, EncryptionRule encryption) {
    public Rule {
      age = List.copyOf(age);
      pgpFingerprints = List.copyOf(pgpFingerprints);
    }
  }

  private record Candidate(Pattern pathRegex, Rule rule, Mapping raw, int line) {}

  private final String file;
  private final List<Candidate> rules;

  private SopsCreationRules(String file, List<Candidate> rules) {
    this.file = file;
    this.rules = rules;
  }

  /**
   * @param file names the configuration in errors
   * @throws SopsMalformedException when it does not parse or a rule is malformed
   */
  public static SopsCreationRules parse(String file, byte[] yaml) {
    List<Mapping> docs =
        YamlReader.read(file, SopsStore.text(file, yaml), SopsLimits.MAX_SCALAR_CHARS);
    List<Candidate> rules = new ArrayList<>();
    Node list = docs.isEmpty() ? null : docs.get(0).get("creation_rules");
    if (list instanceof Sequence s) {
      for (Element e : s.elements()) {
        if (e instanceof Mapping m) {
          rules.add(candidate(file, m));
        } else if (e instanceof Node) {
          throw new SopsMalformedException(
              file, 0, "creation_rules holds an item that is not a map");
        }
      }
    } else if (list != null && !(list instanceof Null)) {
      throw new SopsMalformedException(file, 0, "creation_rules is not a list");
    }
    return new SopsCreationRules(file, rules);
  }

  /**
   * The first rule for a path relative to the configuration's directory ({@code /}-separated).
   *
   * @throws SopsUnsupportedException when that rule uses a feature Driftless does not implement
   */
  public Optional<Rule> ruleFor(String relativePath) {
    for (Candidate c : rules) {
      if (c.pathRegex() == null || c.pathRegex().matcher(relativePath).find()) {
        for (Member m : c.raw().members()) {
          if (m instanceof Entry e
              && UNSUPPORTED.contains(e.key())
              && !(e.value() instanceof Null)) {
            throw new SopsUnsupportedException(
                file,
                "'" + e.key() + "' in the creation rule at line " + c.line(),
                "Driftless encrypts for age and PGP recipients only, without key groups");
          }
        }
        return Optional.of(c.rule());
      }
    }
    return Optional.empty();
  }

  private static Candidate candidate(String file, Mapping m) {
    int line = 0;
    for (Member member : m.members()) {
      if (member instanceof Entry e) {
        line = e.line();
        break;
      }
    }
    String pathRegex = text(file, m, "path_regex");
    Pattern pattern = null;
    if (pathRegex != null && !pathRegex.isEmpty()) {
      try {
        pattern = Pattern.compile(pathRegex);
      } catch (PatternSyntaxException e) {
        throw new SopsMalformedException(file, line, "path_regex is not a valid regex");
      }
    }
    EncryptionRule encryption;
    try {
      encryption =
          new EncryptionRule(
              text(file, m, "unencrypted_suffix"),
              text(file, m, "encrypted_suffix"),
              text(file, m, "unencrypted_regex"),
              text(file, m, "encrypted_regex"),
              m.get("mac_only_encrypted") instanceof Bool b && b.value());
    } catch (IllegalArgumentException e) {
      throw new SopsMalformedException(file, line, e.getMessage());
    }
    Rule rule = new Rule(list(file, m, "age"), list(file, m, "pgp"), encryption);
    return new Candidate(pattern, rule, m, line);
  }

  private static String text(String file, Mapping m, String key) {
    Node n = m.get(key);
    if (n == null || n instanceof Null) {
      return null;
    }
    if (n instanceof Text t) {
      return t.value();
    }
    throw new SopsMalformedException(file, 0, key + " is not a string");
  }

  /** A comma-separated string or a list of strings. */
  private static List<String> list(String file, Mapping m, String key) {
    Node n = m.get(key);
    List<String> out = new ArrayList<>();
    if (n instanceof Text t) {
      for (String part : t.value().split(",")) {
        if (!part.isBlank()) {
          out.add(part.strip());
        }
      }
    } else if (n instanceof Sequence s) {
      for (Element e : s.elements()) {
        if (e instanceof Text t && !t.value().isBlank()) {
          out.add(t.value().strip());
        }
      }
    } else if (n != null && !(n instanceof Null)) {
      throw new SopsMalformedException(file, 0, key + " is not a string or a list");
    }
    return out;
  }
}
