package io.driftless.api.webhook;

import jakarta.servlet.http.HttpServletRequest;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Whom a failed delivery is counted against. Jetty's {@code useForwardedHeaders} makes {@link
 * HttpServletRequest#getRemoteAddr()} whatever {@code X-Forwarded-For} says, which any sender
 * writes; so the limiter starts from the socket's peer and believes the header only when that peer
 * is one of {@code webhooks.trustedProxies}, and then only its last entry, the one the proxy added.
 */
final class ClientAddress {
  private ClientAddress() {}

  /** The address of the TCP peer, before any forwarded header is applied. */
  static String socketPeer(HttpServletRequest request) {
    ServletContextRequest base = ServletContextRequest.getServletContextRequest(request);
    if (base != null && base.getConnectionMetaData().getConnection() != null) {
      SocketAddress peer =
          base.getConnectionMetaData().getConnection().getEndPoint().getRemoteSocketAddress();
      if (peer instanceof InetSocketAddress inet && inet.getAddress() != null) {
        return inet.getAddress().getHostAddress();
      }
    }
    return request.getRemoteAddr();
  }

  /** The client to limit: the peer, or the address a trusted proxy forwarded for. */
  static String of(String peer, Map<String, String> headers, Set<String> trustedProxies) {
    if (peer == null || !trustedProxies.contains(peer)) {
      return peer;
    }
    String forwarded = headers.get("X-Forwarded-For");
    if (forwarded == null) {
      return peer;
    }
    String[] hops = forwarded.split(",");
    String last = hops[hops.length - 1].trim();
    return last.isEmpty() ? peer : last;
  }
}
