package io.driftless.engine.git.jgit;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.errors.TransportException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.transport.BasePackFetchConnection;
import org.eclipse.jgit.transport.BasePackPushConnection;
import org.eclipse.jgit.transport.FetchConnection;
import org.eclipse.jgit.transport.GitProtocolConstants;
import org.eclipse.jgit.transport.PackTransport;
import org.eclipse.jgit.transport.PacketLineOut;
import org.eclipse.jgit.transport.PushConnection;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.TcpTransport;
import org.eclipse.jgit.transport.Transport;
import org.eclipse.jgit.transport.TransportProtocol;
import org.eclipse.jgit.transport.URIish;

/**
 * {@code git://} with a read timeout on the socket. JGit's own git:// transport enforces its
 * timeout by interrupting the reading thread, which does not unblock a socket read on Java 17: a
 * server that accepts and never answers held a scheduler thread for ever. This one sets {@code
 * SO_TIMEOUT}, so such a read fails after {@code git.timeout} like any other unreachable remote. It
 * speaks the same protocol (version 2 asked for, version 0 understood), and takes precedence over
 * JGit's once {@link #register()} has run.
 */
final class GitDaemonTransport extends TcpTransport implements PackTransport {
  private static final int GIT_PORT = 9418;

  private static final TransportProtocol PROTOCOL =
      new TransportProtocol() {
        @Override
        public String getName() {
          return "Anonymous Git (socket timeouts)";
        }

        @Override
        public Set<String> getSchemes() {
          return Set.of("git");
        }

        @Override
        public Set<URIishField> getRequiredFields() {
          return EnumSet.of(URIishField.HOST, URIishField.PATH);
        }

        @Override
        public Set<URIishField> getOptionalFields() {
          return EnumSet.of(URIishField.PORT);
        }

        @Override
        public int getDefaultPort() {
          return GIT_PORT;
        }

        @Override
        public Transport open(URIish uri, Repository local, String remoteName) {
          return new GitDaemonTransport(local, uri);
        }

        @Override
        public Transport open(URIish uri) {
          return new GitDaemonTransport(uri);
        }
      };

  /** Makes every git:// call in this JVM use this transport; idempotent. */
  static synchronized void register() {
    if (!Transport.getTransportProtocols().contains(PROTOCOL)) {
      Transport.register(PROTOCOL);
    }
  }

  private GitDaemonTransport(Repository local, URIish uri) {
    super(local, uri);
  }

  private GitDaemonTransport(URIish uri) {
    super(uri);
  }

  @Override
  public FetchConnection openFetch() throws TransportException {
    return new Fetch(List.of());
  }

  @Override
  public FetchConnection openFetch(Collection<RefSpec> refSpecs, String... additionalPatterns)
      throws TransportException {
    return new Fetch(refSpecs, additionalPatterns);
  }

  @Override
  public PushConnection openPush() throws TransportException {
    return new Push();
  }

  @Override
  public void close() {
    // Each connection holds and closes its own socket.
  }

  /** A connected socket and its buffered streams. */
  private record Line(Socket socket, InputStream in, OutputStream out) {}

  private Line connect() throws TransportException {
    int millis = getTimeout() > 0 ? getTimeout() * 1000 : 0;
    Socket socket = new Socket();
    try {
      socket.connect(
          new InetSocketAddress(
              InetAddress.getByName(uri.getHost()), uri.getPort() > 0 ? uri.getPort() : GIT_PORT),
          millis);
      socket.setSoTimeout(millis);
      return new Line(
          socket,
          new BufferedInputStream(socket.getInputStream()),
          new BufferedOutputStream(socket.getOutputStream()));
    } catch (IOException e) {
      closeQuietly(socket);
      throw new TransportException(uri, e.getMessage(), e);
    }
  }

  /**
   * Sends the request line git daemon reads first: the service, the path and the host; closes the
   * line if it cannot.
   */
  private void request(Line line, PacketLineOut out, String service, boolean version2)
      throws TransportException {
    StringBuilder request = new StringBuilder(service).append(' ').append(uri.getPath());
    request.append('\0').append("host=").append(uri.getHost());
    if (uri.getPort() > 0 && uri.getPort() != GIT_PORT) {
      request.append(':').append(uri.getPort());
    }
    request.append('\0');
    if (version2) {
      request.append('\0').append(GitProtocolConstants.VERSION_2_REQUEST).append('\0');
    }
    try {
      out.writeString(request.toString());
      out.flush();
    } catch (IOException e) {
      closeQuietly(line.socket());
      throw new TransportException(uri, "the remote hung up: " + e.getMessage(), e);
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // already failing or closing
    }
  }

  private final class Fetch extends BasePackFetchConnection {
    private final Line line;

    Fetch(Collection<RefSpec> refSpecs, String... additionalPatterns) throws TransportException {
      super(GitDaemonTransport.this);
      line = connect();
      init(line.in(), line.out());
      request(line, pckOut, "git-upload-pack", true);
      if (!readAdvertisedRefs()) {
        lsRefs(refSpecs, additionalPatterns);
      }
    }

    @Override
    public void close() {
      super.close();
      closeQuietly(line.socket());
    }
  }

  private final class Push extends BasePackPushConnection {
    private final Line line;

    Push() throws TransportException {
      super(GitDaemonTransport.this);
      line = connect();
      init(line.in(), line.out());
      request(line, pckOut, "git-receive-pack", false);
      readAdvertisedRefs();
    }

    @Override
    public void close() {
      super.close();
      closeQuietly(line.socket());
    }
  }
}
