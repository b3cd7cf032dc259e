package io.driftless.ssh;

import java.io.InputStream;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.sftp.client.SftpClient.CloseableHandle;

/**
 * An open remote file read as a stream that stops at a bound: a file that grows past it while read
 * fails with {@link RemoteLimitException}. Each read is one SFTP request under the operation
 * timeout. Closing it closes the handle.
 */
final class RemoteFileStream extends InputStream {
  private static final int CHUNK = 32 * 1024;

  private final SftpCalls calls;
  private final RemotePath path;
  private final CloseableHandle handle;
  private final long maxBytes;
  private long offset;
  private boolean eof;
  private boolean closed;

  RemoteFileStream(SftpCalls calls, RemotePath path, CloseableHandle handle, long maxBytes) {
    this.calls = calls;
    this.path = path;
    this.handle = handle;
    this.maxBytes = maxBytes;
  }

  @Override
  public int read() {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] buffer, int off, int len) {
    if (closed) {
      throw new IllegalStateException("the stream of " + path + " is closed");
    }
    if (len == 0) {
      return 0;
    }
    if (eof) {
      return -1;
    }
    // Ask for one byte past the bound, so a file that grew past it is noticed.
    long room = maxBytes - offset;
    int want = (int) Math.min(Math.min(len, CHUNK), room < CHUNK ? room + 1 : CHUNK);
    AtomicReference<Boolean> eofSignalled = new AtomicReference<>();
    int n = 0;
    for (int attempt = 0; n == 0; attempt++) {
      if (attempt == 3) {
        throw new SshProtocolException(
            calls.host,
            "read",
            "could not read " + path + " on " + calls.host + ": the server sent empty replies",
            null);
      }
      long at = offset;
      n =
          calls.call(
              "read", path, () -> calls.sftp.read(handle, at, buffer, off, want, eofSignalled));
    }
    if (n < 0) {
      eof = true;
      return -1;
    }
    offset += n;
    if (offset > maxBytes) {
      throw calls.tooLarge(path, maxBytes);
    }
    return n;
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      calls.closeQuietly(handle);
    }
  }
}
