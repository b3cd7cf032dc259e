package io.driftless.engine.git.jgit;

import io.driftless.engine.domain.GitAuth;
import io.driftless.engine.git.GitAccessException;
import io.driftless.engine.git.GitAccessException.Reason;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.jgit.errors.NoRemoteRepositoryException;
import org.eclipse.jgit.transport.URIish;

/**
 * Turns what JGit threw while talking to a remote into a {@link GitAccessException} with a reason
 * an operator can act on. JGit reports most failures as a {@code TransportException} whose message
 * and cause chain tell what happened, so the reason is read from both.
 */
final class RemoteFailure {
  private RemoteFailure() {}

  static GitAccessException of(
      String source, String url, GitAuth auth, int timeoutSeconds, Throwable error) {
    String shownUrl = withoutUserInfo(url);
    Reason reason = reasonOf(error);
    List<String> secrets = secrets(url, auth);
    String detail = scrub(rootMessage(error), url, shownUrl, secrets);
    // JGit starts its messages with the URL, which the message names already.
    detail = detail.replace(shownUrl + ": ", "").replace(jgitUrl(url) + ": ", "");
    String message =
        switch (reason) {
          case AUTH ->
              "source '%s': %s refused the credentials (%s)".formatted(source, shownUrl, detail);
          case TIMEOUT ->
              "source '%s': no answer from %s within %d s (%s)"
                  .formatted(source, shownUrl, timeoutSeconds, detail);
          case UNREACHABLE ->
              "source '%s': cannot reach the repository %s (%s)"
                  .formatted(source, shownUrl, detail);
          case OTHER ->
              "source '%s': Git access to %s failed (%s)".formatted(source, shownUrl, detail);
        };
    // Keep JGit's exception for its stack trace, unless a credential shows anywhere in it.
    Throwable cause = leaks(error, secrets) ? null : error;
    return new GitAccessException(source, shownUrl, reason, message, cause);
  }

  /** The URL as shown to people: user name and password removed. */
  static String withoutUserInfo(String url) {
    try {
      URIish uri = new URIish(url);
      if (uri.getUser() == null && uri.getPass() == null) {
        return url;
      }
      return uri.setUser(null).setPass(null).toString();
    } catch (URISyntaxException e) {
      return url.replaceAll("//[^/@]*@", "//");
    }
  }

  static Reason reasonOf(Throwable error) {
    List<Throwable> chain = chain(error);
    StringBuilder text = new StringBuilder();
    for (Throwable t : chain) {
      text.append(' ').append(String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT));
    }
    String all = text.toString();
    if (chain.stream().anyMatch(t -> t instanceof SocketTimeoutException)
        || mentions(all, "timed out", "time out", "timeout")) {
      return Reason.TIMEOUT;
    }
    if (mentions(
        all,
        "not authorized",
        "not permitted",
        "authentication",
        "auth fail",
        "permission denied",
        "server key did not validate",
        "host key")) {
      return Reason.AUTH;
    }
    if (chain.stream()
            .anyMatch(
                t ->
                    t instanceof ConnectException
                        || t instanceof UnknownHostException
                        || t instanceof NoRouteToHostException
                        || t instanceof NoRemoteRepositoryException)
        || mentions(
            all,
            "not found",
            "connection refused",
            "unknown host",
            "connection failed",
            "cannot open",
            "not a git repository",
            "no such file")) {
      return Reason.UNREACHABLE;
    }
    if (chain.stream().anyMatch(t -> t instanceof InterruptedIOException)) {
      return Reason.TIMEOUT;
    }
    return Reason.OTHER;
  }

  private static List<Throwable> chain(Throwable error) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable t = error; t != null && !chain.contains(t); t = t.getCause()) {
      chain.add(t);
    }
    return chain;
  }

  /** How JGit prints a URL in its messages: with the user name, without the password. */
  private static String jgitUrl(String url) {
    try {
      return new URIish(url).setPass(null).toString();
    } catch (URISyntaxException e) {
      return url;
    }
  }

  private static String rootMessage(Throwable error) {
    List<Throwable> chain = chain(error);
    for (Throwable t : chain) {
      if (t instanceof UnknownHostException) {
        return "unknown host " + t.getMessage();
      }
    }
    // The deepest message is the most specific ("Connection refused"); JGit's wrappers repeat it.
    for (int i = chain.size() - 1; i >= 0; i--) {
      String message = chain.get(i).getMessage();
      if (message != null && !message.isBlank()) {
        return message.strip();
      }
    }
    return error.getClass().getSimpleName();
  }

  private static List<String> secrets(String url, GitAuth auth) {
    List<String> secrets = new ArrayList<>();
    if (auth instanceof GitAuth.Token token) {
      secrets.add(token.token().reveal());
    } else if (auth instanceof GitAuth.Basic basic) {
      secrets.add(basic.password().reveal());
    } else if (auth instanceof GitAuth.SshKey key) {
      secrets.add(key.privateKey().reveal());
      if (key.passphrase() != null) {
        secrets.add(key.passphrase().reveal());
      }
    }
    try {
      String pass = new URIish(url).getPass();
      if (pass != null && !pass.isEmpty()) {
        secrets.add(pass);
      }
    } catch (URISyntaxException e) {
      // not a URL JGit could use either; nothing to add
    }
    return secrets;
  }

  private static String scrub(String text, String url, String shownUrl, List<String> secrets) {
    String result = text.replace(url, shownUrl);
    for (String secret : secrets) {
      result = result.replace(secret, "****");
    }
    return result;
  }

  private static boolean leaks(Throwable error, List<String> secrets) {
    for (Throwable t : chain(error)) {
      String message = t.getMessage();
      if (message != null && secrets.stream().anyMatch(message::contains)) {
        return true;
      }
    }
    return false;
  }

  private static boolean mentions(String text, String... phrases) {
    return Arrays.stream(phrases).anyMatch(text::contains);
  }
}
