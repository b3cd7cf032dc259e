package io.driftless.cli;

import io.driftless.cli.client.CliException;
import io.driftless.engine.secrets.AgeRecipient;
import io.driftless.engine.secrets.DecryptionIdentity;
import io.driftless.engine.secrets.EncryptionRule;
import io.driftless.engine.secrets.PgpRecipient;
import io.driftless.engine.secrets.SopsCreationRules;
import io.driftless.engine.secrets.SopsDecryptor;
import io.driftless.engine.secrets.SopsEncryptor;
import io.driftless.engine.secrets.SopsException;
import io.driftless.engine.secrets.SopsFormat;
import io.driftless.engine.secrets.SopsRecipients;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code driftless secrets encrypt|decrypt FILE}: SOPS files (YAML, JSON, dotenv, INI, binary) for
 * age and OpenPGP keys, offline, with no server and no {@code sops} binary.
 */
@Command(
    name = "secrets",
    mixinStandardHelpOptions = true,
    description = "Encrypt and decrypt SOPS files for age and PGP keys, offline.",
    subcommands = {SecretsCommand.Encrypt.class, SecretsCommand.Decrypt.class})
final class SecretsCommand extends GroupCommand {

  @Command(
      name = "encrypt",
      mixinStandardHelpOptions = true,
      description = {
        "Encrypt a file in the SOPS format (by extension: .yaml/.yml, .json, .env, .ini, else"
            + " binary). Without --age or --pgp, the first matching creation rule of the nearest"
            + " .sops.yaml (from the file's directory upward) gives the recipients.",
        "Exit 0 encrypted, 2 error.",
        "Example: driftless secrets encrypt --age age1... --encrypted-regex '^(data|stringData)$'"
            + " --in-place k8s/secret.yaml"
      })
  static final class Encrypt implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--age",
        paramLabel = "RECIPIENT",
        description = "An age recipient (age1..., from age-keygen -y KEYFILE); repeatable.")
    List<String> age = new ArrayList<>();

    @Option(
        names = "--pgp",
        paramLabel = "KEYFILE",
        description = "An armored PGP public key file (gpg --export --armor FP); repeatable.")
    List<Path> pgp = new ArrayList<>();

    @Option(
        names = "--encrypted-regex",
        paramLabel = "REGEX",
        description = "Encrypt only values with a key on their path that matches.")
    String encryptedRegex;

    @Option(
        names = "--unencrypted-regex",
        paramLabel = "REGEX",
        description = "Leave clear values with a key on their path that matches.")
    String unencryptedRegex;

    @Option(
        names = "--encrypted-suffix",
        paramLabel = "SUFFIX",
        description = "Encrypt only values with a key on their path ending with it.")
    String encryptedSuffix;

    @Option(
        names = "--unencrypted-suffix",
        paramLabel = "SUFFIX",
        description =
            "Leave clear values with a key on their path ending with it (default"
                + " _unencrypted).")
    String unencryptedSuffix;

    @Option(
        names = "--mac-only-encrypted",
        description = "The MAC covers only encrypted values (clear ones may then change).")
    boolean macOnlyEncrypted;

    @Option(
        names = "--sops-config",
        paramLabel = "FILE",
        description = "The .sops.yaml to use instead of the nearest one.")
    Path sopsConfig;

    @Option(names = "--in-place", description = "Replace FILE instead of printing the result.")
    boolean inPlace;

    @Parameters(paramLabel = "FILE", description = "The plaintext file.")
    Path file;

    @Override
    public Integer call() {
      byte[] plain = read(file, "FILE");
      Plan plan = plan();
      return emit(
          spec,
          file,
          inPlace,
          false,
          () ->
              new SopsEncryptor(Clock.systemUTC())
                  .encrypt(file.toString(), plain, plan.recipients(), plan.rule()));
    }

    private record Plan(SopsRecipients recipients, EncryptionRule rule) {}

    private Plan plan() {
      EncryptionRule fromFlags;
      try {
        fromFlags =
            new EncryptionRule(
                unencryptedSuffix,
                encryptedSuffix,
                unencryptedRegex,
                encryptedRegex,
                macOnlyEncrypted);
      } catch (IllegalArgumentException e) {
        throw new CliException(e.getMessage());
      }
      boolean ruleFlags =
          encryptedRegex != null
              || unencryptedRegex != null
              || encryptedSuffix != null
              || unencryptedSuffix != null
              || macOnlyEncrypted;
      if (!age.isEmpty() || !pgp.isEmpty()) {
        return new Plan(recipients(age, pgp), fromFlags);
      }
      Path config = sopsConfig != null ? sopsConfig : nearestSopsConfig(file);
      if (config == null) {
        throw new CliException(
            "no recipients: give --age RECIPIENT or --pgp KEYFILE, or add a .sops.yaml with"
                + " creation_rules next to the file or above it");
      }
      SopsCreationRules.Rule rule;
      try {
        SopsCreationRules rules =
            SopsCreationRules.parse(config.toString(), read(config, "--sops-config"));
        Path base = config.toAbsolutePath().normalize().getParent();
        String relative =
            base.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
        rule =
            rules
                .ruleFor(relative)
                .orElseThrow(
                    () ->
                        new CliException(
                            config
                                + " has no creation rule for "
                                + relative
                                + ": add one, or give --age or --pgp"));
      } catch (SopsException e) {
        throw new CliException(e.getMessage(), CliException.ERROR, e);
      }
      if (!rule.pgpFingerprints().isEmpty()) {
        throw new CliException(
            config
                + ": the rule for "
                + file
                + " names PGP fingerprints, and driftless has no keyring: give the public keys"
                + " with --pgp KEYFILE (and the age recipients with --age) instead");
      }
      if (rule.age().isEmpty()) {
        throw new CliException(config + ": the rule for " + file + " names no age recipient");
      }
      return new Plan(recipients(rule.age(), List.of()), ruleFlags ? fromFlags : rule.encryption());
    }

    private static SopsRecipients recipients(List<String> age, List<Path> pgp) {
      List<AgeRecipient> ageRecipients = new ArrayList<>();
      for (String r : age) {
        try {
          ageRecipients.add(new AgeRecipient(r));
        } catch (IllegalArgumentException e) {
          throw new CliException("--age: " + e.getMessage());
        }
      }
      List<PgpRecipient> pgpRecipients = new ArrayList<>();
      for (Path p : pgp) {
        try {
          pgpRecipients.addAll(
              PgpRecipient.parse(new String(read(p, "--pgp"), StandardCharsets.US_ASCII)));
        } catch (IllegalArgumentException e) {
          throw new CliException("--pgp " + p + ": " + e.getMessage());
        }
      }
      return new SopsRecipients(ageRecipients, pgpRecipients);
    }

    private static Path nearestSopsConfig(Path file) {
      for (Path dir = file.toAbsolutePath().normalize().getParent();
          dir != null;
          dir = dir.getParent()) {
        Path candidate = dir.resolve(".sops.yaml");
        if (Files.isRegularFile(candidate)) {
          return candidate;
        }
      }
      return null;
    }
  }

  @Command(
      name = "decrypt",
      mixinStandardHelpOptions = true,
      description = {
        "Decrypt a SOPS file (YAML, JSON, dotenv, INI or binary) with age or PGP keys; the MAC"
            + " is always verified.",
        "Exit 0 decrypted, 2 error (no matching key, MAC mismatch, malformed file).",
        "Example: driftless secrets decrypt --identity ~/.config/sops/age/keys.txt secret.yaml"
      })
  static final class Decrypt implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--identity",
        required = true,
        paramLabel = "KEYFILE",
        description =
            "An age key file (AGE-SECRET-KEY-1... lines) or an armored PGP secret key without a"
                + " passphrase; repeatable, so old and new keys can be offered together.")
    List<Path> identities = new ArrayList<>();

    @Option(
        names = "--in-place",
        description = "Replace FILE with the plaintext (mode 0600) instead of printing it.")
    boolean inPlace;

    @Parameters(paramLabel = "FILE", description = "The SOPS file.")
    Path file;

    @Override
    public Integer call() {
      List<DecryptionIdentity> keys = identities(identities);
      return emit(
          spec,
          file,
          inPlace,
          true,
          () -> new SopsDecryptor(keys).decrypt(file.toString(), read(file, "FILE")));
    }
  }

  /**
   * Every key in the {@code --identity} files (age key files, armored PGP secret keys), as {@code
   * secrets decrypt} and {@code render} take them; a file that cannot be read or holds no usable
   * key is exit 2 naming it, never quoting it.
   */
  static List<DecryptionIdentity> identities(List<Path> keyFiles) {
    List<DecryptionIdentity> keys = new ArrayList<>();
    for (Path p : keyFiles) {
      try {
        keys.addAll(
            DecryptionIdentity.parseKeyFile(
                new String(read(p, "--identity"), StandardCharsets.UTF_8)));
      } catch (IllegalArgumentException e) {
        throw new CliException("--identity " + p + ": " + e.getMessage());
      }
    }
    return keys;
  }

  static byte[] read(Path path, String what) {
    try {
      return Files.readAllBytes(path);
    } catch (IOException e) {
      throw new CliException("cannot read " + what + " " + path + ": " + e.getMessage());
    }
  }

  /** Text goes through the command's writer; a binary file's bytes straight to standard out. */
  /**
   * What sops made of {@code file}: written over it with {@code --in-place} (mode 0600 when {@code
   * privateMode}), else printed; a sops failure is exit 2 with its message.
   */
  static Integer emit(
      CommandSpec spec, Path file, boolean inPlace, boolean privateMode, Supplier<byte[]> sops) {
    byte[] bytes;
    try {
      bytes = sops.get();
    } catch (SopsException e) {
      throw new CliException(e.getMessage(), CliException.ERROR, e);
    }
    if (inPlace) {
      replace(file, bytes, privateMode);
    } else {
      print(spec, file, bytes);
    }
    return CliException.OK;
  }

  static void print(CommandSpec spec, Path file, byte[] bytes) {
    if (SopsFormat.forPath(file.toString()) == SopsFormat.BINARY) {
      spec.commandLine().getOut().flush();
      OutputStream out = System.out;
      try {
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        throw new CliException("cannot write to standard output: " + e.getMessage());
      }
      return;
    }
    spec.commandLine().getOut().print(new String(bytes, StandardCharsets.UTF_8));
    spec.commandLine().getOut().flush();
  }

  /** Replaces a file atomically (temporary file, then rename), keeping its mode or 0600. */
  static void replace(Path file, byte[] bytes, boolean privateMode) {
    Path dir = file.toAbsolutePath().getParent();
    try {
      Path temp = Files.createTempFile(dir, ".driftless-", ".tmp");
      try {
        Set<PosixFilePermission> mode =
            privateMode
                ? PosixFilePermissions.fromString("rw-------")
                : Files.getPosixFilePermissions(file);
        Files.setPosixFilePermissions(temp, mode);
        Files.write(temp, bytes);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException | UnsupportedOperationException e) {
      throw new CliException("cannot replace " + file + ": " + e.getMessage());
    }
  }
}
