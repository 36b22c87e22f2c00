package org.jmasq.node.link;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Says why the clandestine port could not be listened on, and for a port below 1024 that the system
 * refused, how to give the Node the privilege to bind it.
 */
final class ListenFailure {
  /** Ports below this need the privilege on Linux, unless the system was told otherwise. */
  static final int FIRST_UNPRIVILEGED_PORT = 1024;

  private ListenFailure() {}

  /**
   * The failure to report for {@code cause}. A taken port stays a {@link BindException}, so the
   * port chooser tries another only then; a privileged port the system refused is a plain {@link
   * IOException}, as another port would not be what the user asked for.
   */
  static IOException of(InetAddress ip, int port, IOException cause) {
    String where = ip.getHostAddress() + ":" + port;
    IOException failure;
    if (cause instanceof BindException && port < FIRST_UNPRIVILEGED_PORT && !otherReason(cause)) {
      failure =
          new IOException(
              "cannot listen on " + where + ": " + cause.getMessage() + ". " + howToGrant(port));
    } else if (cause instanceof BindException) {
      failure = new BindException("cannot listen on " + where + ": " + cause.getMessage());
    } else {
      failure = new IOException("cannot listen on " + where + ": " + cause.getMessage());
    }
    failure.initCause(cause);
    return failure;
  }

  /**
   * The advice for a refused privileged port. A capability set on the java binary itself also makes
   * the loader ignore java's relative library path, hence the ld.so.conf step.
   */
  static String howToGrant(int port) {
    Path java =
        ProcessHandle.current()
            .info()
            .command()
            .map(Path::of)
            .orElse(Path.of("$JAVA_HOME", "bin", "java"));
    Path lib =
        Optional.ofNullable(java.getParent()).map(Path::getParent).orElse(Path.of("$JAVA_HOME"));
    return "Ports below "
        + FIRST_UNPRIVILEGED_PORT
        + " need the capability CAP_NET_BIND_SERVICE: start the Node with it (systemd:"
        + " AmbientCapabilities=CAP_NET_BIND_SERVICE), or grant it to Java with `sudo setcap"
        + " cap_net_bind_service=+ep "
        + java
        + "` and `echo "
        + lib.resolve("lib")
        + " | sudo tee /etc/ld.so.conf.d/java.conf && sudo ldconfig`, or let every user bind it"
        + " with `sudo sysctl net.ipv4.ip_unprivileged_port_start="
        + port
        + "`; or choose a port above "
        + (FIRST_UNPRIVILEGED_PORT - 1)
        + " (see docs/LINKS.md)";
  }

  /**
   * Whether the system refused the bind for a taken port or an address that is not this host's
   * (EADDRINUSE, EADDRNOTAVAIL) rather than for privilege (EACCES): the JDK reports all three as a
   * {@link BindException}, told apart only by the C library's words for them.
   */
  private static boolean otherReason(IOException cause) {
    String message = String.valueOf(cause.getMessage());
    return message.contains("in use") || message.contains("assign");
  }
}
