package io.driftless.cli;

import com.fasterxml.jackson.core.type.TypeReference;
import io.driftless.api.model.IssuedTokenResponse;
import io.driftless.api.model.ItemPage;
import io.driftless.api.model.TokenRequest;
import io.driftless.api.model.TokenResponse;
import io.driftless.cli.client.ApiClient;
import io.driftless.cli.client.CliException;
import io.driftless.cli.output.Output;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code driftless token create|list|revoke}: API tokens (admin). */
@Command(
    name = "token",
    mixinStandardHelpOptions = true,
    description = "Create, list and revoke API tokens (admin).",
    subcommands = {
      TokenCommand.Create.class,
      TokenCommand.Listing.class,
      TokenCommand.Revoke.class
    })
final class TokenCommand extends GroupCommand {

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Create a token; it is shown once, on standard output alone, so that it can be piped:",
        "  driftless token create ci --role viewer > ci.token"
      })
  static final class Create extends ClientCommand {
    @Parameters(paramLabel = "NAME")
    String name;

    @Option(
        names = "--role",
        required = true,
        description = "viewer (read), operator (sync, rollback, suspend) or admin.")
    String role;

    @Override
    int run(ApiClient api, Output out) {
      IssuedTokenResponse issued =
          api.post(
              ApiClient.path("tokens"),
              new TokenRequest(name, role),
              new TypeReference<IssuedTokenResponse>() {});
      if (out.structured()) {
        out.document(issued);
      } else {
        // The token alone on standard output, so that `> file` keeps exactly it.
        out.out().println(issued.token());
        out.out().flush();
        out.note(
            "Token " + issued.name() + " (" + issued.role() + ") created; it is shown only once.");
      }
      return CliException.OK;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List tokens.")
  static final class Listing extends ListCommand<TokenResponse> {
    Listing() {
      super("NAME", "ROLE", "CREATED", "LAST USED");
    }

    @Override
    List<TokenResponse> items(ApiClient api) {
      return api.get(ApiClient.path("tokens"), new TypeReference<ItemPage<TokenResponse>>() {})
          .items();
    }

    @Override
    Object[] row(TokenResponse k, Output out) {
      return new Object[] {
        k.name(), k.role(), Output.age(k.createdAt()), Output.age(k.lastUsedAt())
      };
    }
  }

  @Command(
      name = "revoke",
      mixinStandardHelpOptions = true,
      description = "Revoke a token: it stops working at once.")
  static final class Revoke extends RemoveCommand {
    Revoke() {
      super(new Removal("tokens", "Token", "revoked"));
    }
  }
}
