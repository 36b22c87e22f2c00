package org.jmasq.testbed;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The NAT and the port-mapping daemon of one home router: an nftables table that masquerades the
 * LAN out of the WAN and holds the chains miniupnpd 2.3.1 fills (its nftables backend defaults:
 * table {@code filter}, chains {@code miniupnpd}, {@code prerouting_miniupnpd} and {@code
 * postrouting_miniupnpd}, named in its config anyway), and miniupnpd itself, in the foreground so
 * that the testbed owns the process. Its config, lease, pid and log files live in the run's
 * directory.
 */
final class HomeRouter {

  static final String TABLE = "filter";
  static final List<String> MINIUPNPD_CHAINS =
      List.of("miniupnpd", "prerouting_miniupnpd", "postrouting_miniupnpd");
  static final int HTTP_PORT = 5000;
  static final int NATPMP_PORT = 5351;
  private static final Duration READY_WAIT = Duration.ofSeconds(10);

  private final CommandRunner runner;
  private final Router router;
  private final Path dir;
  private Process daemon;

  HomeRouter(CommandRunner runner, Router router, Path dir) {
    this.runner = runner;
    this.router = router;
    this.dir = dir;
  }

  /** Creates the nftables table: forwarding from the LAN, masquerade, and miniupnpd's chains. */
  void createRuleset() throws TestbedException {
    String ruleset =
        """
        table inet filter {
          chain forward {
            type filter hook forward priority 0; policy drop;
            ct state established,related accept
            iifname "br0" oifname "eth0" accept
            jump miniupnpd
          }
          chain miniupnpd {
          }
          chain prerouting {
            type nat hook prerouting priority -100; policy accept;
            jump prerouting_miniupnpd
          }
          chain postrouting {
            type nat hook postrouting priority 100; policy accept;
            jump postrouting_miniupnpd
            oifname "eth0" masquerade
          }
          chain prerouting_miniupnpd {
          }
          chain postrouting_miniupnpd {
          }
        }
        """;
    Path file = write(".nft", ruleset);
    runner.run("ip", "netns", "exec", router.namespace(), "nft", "-f", file.toString());
  }

  /** Starts miniupnpd and waits until it answers on its NAT-PMP port. */
  void start() throws TestbedException {
    String config =
        String.join(
            "\n",
            "ext_ifname=eth0",
            "listening_ip=br0",
            "http_port=" + HTTP_PORT,
            "enable_natpmp=yes",
            "enable_upnp=yes",
            "ipv6_disable=yes",
            "secure_mode=yes",
            "system_uptime=no",
            "notify_interval=60",
            "min_lifetime=120",
            "max_lifetime=86400",
            "lease_file=" + dir.resolve(router.name() + ".leases"),
            "minissdpdsocket=" + dir.resolve(router.name() + ".minissdpd.sock"),
            "upnp_table_name=" + TABLE,
            "upnp_nat_table_name=" + TABLE,
            "upnp_forward_chain=" + MINIUPNPD_CHAINS.get(0),
            "upnp_nat_chain=" + MINIUPNPD_CHAINS.get(1),
            "upnp_nat_postrouting_chain=" + MINIUPNPD_CHAINS.get(2),
            "uuid=" + UUID.randomUUID(),
            "allow 1024-65535 " + router.lan() + " 1024-65535",
            "deny 0-65535 0.0.0.0/0 0-65535",
            "");
    Path conf = write(".conf", config);
    List<String> command =
        CommandRunner.inNamespace(
            router.namespace(),
            List.of(
                "miniupnpd",
                "-f",
                conf.toString(),
                "-P",
                dir.resolve(router.name() + ".pid").toString(),
                "-d"));
    try {
      Path log = dir.resolve(router.name() + ".miniupnpd.log");
      daemon =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new CommandFailedException(command, -1, "cannot start: " + e.getMessage());
    }
    awaitListening(command);
  }

  /** Kills miniupnpd and empties its chains and lease file: every mapping is gone. */
  void stop() throws TestbedException {
    if (daemon != null) {
      daemon.destroyForcibly();
      try {
        daemon.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      daemon = null;
    }
    for (String chain : MINIUPNPD_CHAINS) {
      runner.run(
          "ip", "netns", "exec", router.namespace(), "nft", "flush", "chain", "inet", TABLE, chain);
    }
    try {
      Files.deleteIfExists(dir.resolve(router.name() + ".leases"));
    } catch (IOException e) {
      throw new CommandFailedException(List.of("rm", "leases"), -1, e.getMessage());
    }
  }

  /** The daemon's own process, if it runs. */
  Process daemon() {
    return daemon;
  }

  private void awaitListening(List<String> command) throws TestbedException {
    Instant deadline = Instant.now().plus(READY_WAIT);
    String probe = ":" + NATPMP_PORT + " ";
    while (true) {
      String sockets =
          runner.run("ip", "netns", "exec", router.namespace(), "ss", "-H", "-l", "-n", "-u", "-t");
      if (sockets.contains(probe) && sockets.contains(":" + HTTP_PORT + " ")) {
        return;
      }
      if (!daemon.isAlive() || Instant.now().isAfter(deadline)) {
        String log = "";
        try {
          log = Files.readString(dir.resolve(router.name() + ".miniupnpd.log"));
        } catch (IOException e) {
          log = "(no log)";
        }
        throw new CommandFailedException(command, daemon.isAlive() ? -1 : daemon.exitValue(), log);
      }
      Namespaces.pause();
    }
  }

  private Path write(String suffix, String text) throws CommandFailedException {
    Path file = dir.resolve(router.name() + suffix);
    try {
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new CommandFailedException(List.of("write", file.toString()), -1, e.getMessage());
    }
    return file;
  }
}
