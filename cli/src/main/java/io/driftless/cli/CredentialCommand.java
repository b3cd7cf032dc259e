package io.driftless.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.driftless.api.model.CredentialOriginsBody;
import io.driftless.api.model.CredentialRequest;
import io.driftless.api.model.CredentialResponse;
import io.driftless.api.model.ItemPage;
import io.driftless.cli.client.ApiClient;
import io.driftless.cli.client.CliException;
import io.driftless.cli.output.Output;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftless credential add|rotate|origins|list|show|rm}: named credentials (admin). */
@Command(
    name = "credential",
    mixinStandardHelpOptions = true,
    description = "Add, rotate, scope, list, show and remove named credentials (admin).",
    subcommands = {
      CredentialCommand.Add.class,
      CredentialCommand.Rotate.class,
      CredentialCommand.Origins.class,
      CredentialCommand.Listing.class,
      CredentialCommand.Show.class,
      CredentialCommand.Remove.class
    })
final class CredentialCommand extends GroupCommand {
  static final TypeReference<CredentialResponse> CREDENTIAL = new TypeReference<>() {};
  static final TypeReference<ItemPage<CredentialResponse>> PAGE = new TypeReference<>() {};

  /** The type and secret of a credential; secrets are read from files, never from arguments. */
  abstract static class Secrets extends ClientCommand {
    /** What the command did, for its message: added or rotated. */
    private final String verb;

    @Parameters(paramLabel = "NAME", description = "Lowercase letters, digits, '-'.")
    String name;

    @Option(
        names = "--type",
        required = true,
        paramLabel = "TYPE",
        description = "token, basic, ssh-key, age-identity or pgp-key.")
    String type;

    @Option(
        names = "--username",
        paramLabel = "USER",
        description = "User of a token or basic credential.")
    String username;

    @Option(names = "--token-file", paramLabel = "FILE", description = "An access token (token).")
    Path tokenFile;

    @Option(names = "--password-file", paramLabel = "FILE", description = "A password (basic).")
    Path passwordFile;

    @Option(
        names = "--key-file",
        paramLabel = "FILE",
        description = "A private key: SSH (ssh-key) or armored OpenPGP (pgp-key).")
    Path keyFile;

    @Option(
        names = "--passphrase-file",
        paramLabel = "FILE",
        description = "The passphrase of an SSH key.")
    Path passphraseFile;

    @Option(
        names = "--identity-file",
        paramLabel = "FILE",
        description = "An age key file, as age-keygen writes it (age-identity).")
    Path identityFile;

    @Option(
        names = "--origin",
        paramLabel = "URL",
        description = {
          "Where the credential may be sent: an https:// or ssh:// URL prefix; repeatable.",
          "Required for token and basic; a rotation without it keeps the origins."
        })
    List<String> origins;

    Secrets(String verb) {
      this.verb = verb;
    }

    CredentialRequest request() {
      String key = Inputs.secret(keyFile, "key");
      return new CredentialRequest(
          name,
          type,
          username,
          Inputs.secret(tokenFile, "token"),
          Inputs.secret(passwordFile, "password"),
          key == null ? null : key + "\n",
          Inputs.secret(passphraseFile, "passphrase"),
          Inputs.secret(identityFile, "identity"),
          origins);
    }

    /** Sends the request: a new credential, or a new secret for one. */
    abstract CredentialResponse send(ApiClient api, CredentialRequest request);

    @Override
    int run(ApiClient api, Output out) {
      CredentialResponse c = send(api, request());
      out.message(
          c,
          "Credential "
              + c.name()
              + " ("
              + c.type()
              + ") "
              + verb
              + (c.publicKeys().isEmpty()
                  ? ""
                  : "; public keys: " + String.join(", ", c.publicKeys())));
      return CliException.OK;
    }
  }

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Add a named credential; sources refer to it by name.",
        "Example: driftless credential add gh-bot --type token --username bot --token-file gh.token",
        "           --origin https://github.com/acme/"
      })
  static final class Add extends Secrets {
    Add() {
      super("added");
    }

    @Override
    CredentialResponse send(ApiClient api, CredentialRequest request) {
      return api.post(ApiClient.path("credentials"), request, CREDENTIAL);
    }
  }

  @Command(
      name = "rotate",
      mixinStandardHelpOptions = true,
      description = {
        "Replace a credential's secret (same type); its users take it at their next use.",
        "Example: driftless credential rotate gh-bot --type token --token-file new.token"
      })
  static final class Rotate extends Secrets {
    Rotate() {
      super("rotated");
    }

    @Override
    CredentialResponse send(ApiClient api, CredentialRequest request) {
      return api.put(ApiClient.path("credentials", name), request, CREDENTIAL);
    }
  }

  @Command(
      name = "origins",
      mixinStandardHelpOptions = true,
      description = {
        "Set where a credential may be sent, keeping its secret; refused if a source using it",
        "would be left outside.",
        "Example: driftless credential origins gh-bot --origin https://github.com/acme/"
      })
  static final class Origins extends ClientCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(
        names = "--origin",
        required = true,
        paramLabel = "URL",
        description = "An https:// or ssh:// URL prefix; repeatable.")
    List<String> origins;

    @Override
    int run(ApiClient api, Output out) {
      CredentialResponse c =
          api.put(
              ApiClient.path("credentials", name, "origins"),
              new CredentialOriginsBody(origins),
              CREDENTIAL);
      out.message(
          c, "Credential " + c.name() + " may be sent to " + String.join(", ", c.origins()));
      return CliException.OK;
    }
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List credentials: names, types and public parts, never secrets.")
  static final class Listing extends ListCommand<CredentialResponse> {
    Listing() {
      super("NAME", "TYPE", "PUBLIC", "ORIGINS", "USED BY", "CREATED BY", "AGE");
    }

    @Override
    List<CredentialResponse> items(ApiClient api) {
      return api.get(ApiClient.path("credentials"), PAGE).items();
    }

    @Override
    Object[] row(CredentialResponse c, Output out) {
      return new Object[] {
        c.name(),
        c.type(),
        String.join(", ", c.publicKeys()),
        String.join(", ", c.origins()),
        String.join(", ", c.usedBy()),
        c.createdBy(),
        Output.age(c.createdAt())
      };
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one credential.")
  static final class Show extends ShowCommand<CredentialResponse> {
    Show() {
      super("credentials", CREDENTIAL);
    }

    @Override
    void fields(CredentialResponse c, Output out, Map<String, Object> f) {
      f.put("name", c.name());
      f.put("type", c.type());
      f.put("username", c.username());
      f.put("public keys", String.join(", ", c.publicKeys()));
      f.put("origins", String.join(", ", c.origins()));
      f.put("used by", String.join(", ", c.usedBy()));
      f.put("created by", c.createdBy());
      f.put("created", c.createdAt());
      f.put("updated", c.updatedAt());
    }
  }

  @Command(
      name = "rm",
      aliases = "remove",
      mixinStandardHelpOptions = true,
      description = "Remove a credential (refused while sources use it).")
  static final class Remove extends RemoveCommand {
    Remove() {
      super(new Removal("credentials", "Credential", "removed"));
    }
  }
}
