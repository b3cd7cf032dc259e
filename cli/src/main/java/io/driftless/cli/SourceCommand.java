package io.driftless.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.driftless.api.model.DecryptionBody;
import io.driftless.api.model.GitAuthBody;
import io.driftless.api.model.ItemPage;
import io.driftless.api.model.SourcePatch;
import io.driftless.api.model.SourceRequest;
import io.driftless.api.model.SourceResponse;
import io.driftless.api.model.VerifyBody;
import io.driftless.cli.client.ApiClient;
import io.driftless.cli.client.CliException;
import io.driftless.cli.output.Output;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftless source add|list|show|set|rm}: registered Git repositories. */
@Command(
    name = "source",
    mixinStandardHelpOptions = true,
    description = "Register, list, show and remove Git repositories (admin to change).",
    subcommands = {
      SourceCommand.Add.class,
      SourceCommand.Listing.class,
      SourceCommand.Show.class,
      SourceCommand.Set.class,
      SourceCommand.Remove.class
    })
final class SourceCommand extends GroupCommand {
  static final TypeReference<SourceResponse> SOURCE = new TypeReference<>() {};
  static final TypeReference<ItemPage<SourceResponse>> PAGE = new TypeReference<>() {};

  @Command(
      name = "add",
      mixinStandardHelpOptions = true,
      description = {
        "Register a Git repository. Secrets are read from files, never from arguments.",
        "Example: driftless source add web https://github.com/acme/web.git"
            + " --username bot --token-file gh.token --webhook-secret-file hook.secret"
      })
  static final class Add extends ClientCommand {
    @Parameters(index = "0", paramLabel = "NAME", description = "Lowercase letters, digits, '-'.")
    String name;

    @Parameters(index = "1", paramLabel = "URL", description = "https://, ssh:// or file:// URL.")
    String url;

    @Option(names = "--username", description = "User for --token-file or --password-file.")
    String username;

    @Option(names = "--token-file", paramLabel = "FILE", description = "An HTTPS access token.")
    Path tokenFile;

    @Option(names = "--password-file", paramLabel = "FILE", description = "An HTTPS password.")
    Path passwordFile;

    @Option(names = "--ssh-key-file", paramLabel = "FILE", description = "An SSH private key.")
    Path sshKeyFile;

    @Option(
        names = "--credential",
        paramLabel = "NAME",
        description = "A named credential (token, basic or ssh-key; see driftless credential).")
    String credential;

    @Option(
        names = "--known-hosts-file",
        paramLabel = "FILE",
        description = "known_hosts lines that pin the SSH host key.")
    Path knownHostsFile;

    @Mixin SourceHookOptions hooks;

    @Option(
        names = "--trusted-key-file",
        paramLabel = "FILE",
        description = "An armored OpenPGP public key; require signed commits (repeatable).")
    List<Path> trustedKeys = new ArrayList<>();

    @Option(
        names = "--decryption-identity",
        paramLabel = "NAME",
        description =
            "An age-identity or pgp-key credential that decrypts the source's SOPS files during a"
                + " sync (repeatable).")
    List<String> decryptionIdentities = new ArrayList<>();

    @Override
    int run(ApiClient api, Output out) {
      GitAuthBody auth = auth();
      VerifyBody verify = null;
      if (!trustedKeys.isEmpty()) {
        verify =
            new VerifyBody(
                "head", trustedKeys.stream().map(k -> Inputs.secret(k, "trusted key")).toList());
      }
      SourceResponse created =
          api.post(
              ApiClient.path("sources"),
              new SourceRequest(
                  name,
                  url,
                  auth,
                  null,
                  hooks.webhookSecret(),
                  verify,
                  hooks.previews(),
                  decryptionIdentities.isEmpty() ? null : new DecryptionBody(decryptionIdentities)),
              SOURCE);
      out.message(created, "Source " + created.name() + " registered (" + created.url() + ")");
      return CliException.OK;
    }

    private GitAuthBody auth() {
      int given =
          (tokenFile != null ? 1 : 0)
              + (passwordFile != null ? 1 : 0)
              + (sshKeyFile != null ? 1 : 0)
              + (credential != null ? 1 : 0);
      if (given > 1) {
        throw new CliException(
            "give one of --token-file, --password-file, --ssh-key-file or --credential, not"
                + " several");
      }
      if (credential != null) {
        return GitAuthBody.credential(credential, Inputs.secret(knownHostsFile, "known hosts"));
      }
      if (tokenFile != null) {
        return GitAuthBody.token(username, Inputs.secret(tokenFile, "token"));
      }
      if (passwordFile != null) {
        return GitAuthBody.basic(username, Inputs.secret(passwordFile, "password"));
      }
      if (sshKeyFile != null) {
        return GitAuthBody.ssh(
            Inputs.secret(sshKeyFile, "SSH key") + "\n",
            Inputs.secret(knownHostsFile, "known hosts"));
      }
      return null;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the sources.")
  static final class Listing extends ListCommand<SourceResponse> {
    @Option(
        names = "--owner",
        description = "Only those declared in documents applied by this owner (driftless apply).")
    String owner;

    Listing() {
      super("NAME", "URL", "AUTH", "WEBHOOK", "VERIFY", "AGE");
    }

    @Override
    List<SourceResponse> items(ApiClient api) {
      return Pages.all(
          api, ApiClient.path("sources") + ApiClient.query(ApiClient.params("owner", owner)), PAGE);
    }

    @Override
    Object[] row(SourceResponse s, Output out) {
      return new Object[] {
        s.name(),
        s.url(),
        auth(s.authType(), s.authCredential()),
        s.hasWebhookSecret() ? "yes" : "no",
        s.verify() == null ? "none" : s.verify().mode(),
        Output.age(s.createdAt())
      };
    }
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one source.")
  static final class Show extends ShowCommand<SourceResponse> {
    Show() {
      super("sources", SOURCE);
    }

    @Override
    void fields(SourceResponse s, Output out, Map<String, Object> f) {
      f.put("name", s.name());
      f.put("url", s.url());
      f.put("auth", auth(s.authType(), s.authCredential()));
      f.put("write auth", auth(s.writeAuthType(), s.writeAuthCredential()));
      f.put("webhook secret", s.hasWebhookSecret() ? "set" : "not set");
      f.put(
          "verify",
          s.verify() == null
              ? "none"
              : s.verify().mode() + " (" + s.verify().trustedKeys().size() + " trusted keys)");
      f.put("fork previews", s.previews() == null ? null : s.previews().forks());
      f.put("created", s.createdAt());
      f.put("updated", s.updatedAt());
    }
  }

  @Command(
      name = "rm",
      aliases = "remove",
      mixinStandardHelpOptions = true,
      description = "Remove a source (refused while environments use it).")
  static final class Remove extends RemoveCommand {
    @Mixin ForceOption force;

    Remove() {
      super(new Removal("sources", "Source", "removed"));
    }

    @Override
    String query() {
      return force.query();
    }
  }

  @Command(
      name = "set",
      mixinStandardHelpOptions = true,
      description = {
        "Change a source: only the options given change.",
        "Example: driftless source set web --url https://github.com/acme/web2.git"
      })
  static final class Set extends ClientCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(names = "--url", paramLabel = "URL", description = "https://, ssh:// or file:// URL.")
    String url;

    @Option(
        names = "--credential",
        paramLabel = "NAME",
        description = "A named credential to read with (token, basic or ssh-key).")
    String credential;

    @Mixin SourceHookOptions hooks;

    @Mixin ForceOption force;

    @Override
    int run(ApiClient api, Output out) {
      SourcePatch patch =
          new SourcePatch(
              url,
              hooks.previews(),
              credential == null ? null : GitAuthBody.credential(credential, null),
              null,
              hooks.webhookSecret(),
              null,
              null);
      if (url == null && credential == null && !hooks.given()) {
        throw new CliException(
            "nothing to change: give an option such as --url or --credential"
                + " (see 'driftless source set --help')");
      }
      SourceResponse updated =
          api.patch(ApiClient.path("sources", name) + force.query(), patch, SOURCE);
      out.message(updated, "Source " + updated.name() + " changed (" + updated.url() + ")");
      return CliException.OK;
    }
  }

  /** An auth type as listings show it: a named credential by its name. */
  static String auth(String type, String credential) {
    return credential == null ? type : "credential " + credential;
  }
}
