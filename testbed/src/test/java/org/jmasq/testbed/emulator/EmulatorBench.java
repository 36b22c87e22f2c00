package org.jmasq.testbed.emulator;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jmasq.testbed.Testbed;
import org.jmasq.testbed.TestbedPlan;

/**
 * Measures the delay emulator's own capacity at zero delay, loss and cap: packets per second of a
 * UDP flood of small and of full-size datagrams, a TCP download's Mbit/s, and the latency it adds
 * to a packet; the download and the latency also without the emulator, on the same hosts. Run by
 * {@code bench/testbed/emulator.sh}, as root; prints a Markdown table.
 */
public final class EmulatorBench {

  private static final int PORT = 8080;
  private static final int SMALL_PORT = 8081;
  private static final int SAMPLES = 40;

  private EmulatorBench() {}

  /** The two hosts of the bench's testbed, and the /24 they and their gateway are in. */
  record Pair(String hostA, String hostB, Ipv4Address addressB, Ipv4Prefix hosts) {
    static Pair of(Testbed testbed) {
      String b = testbed.host("b").address().toString();
      return new Pair(
          testbed.host("a").namespace(),
          testbed.host("b").namespace(),
          Ipv4Address.parse(b),
          Ipv4Prefix.parse(b.replaceAll("[0-9]+$", "0") + "/24"));
    }
  }

  /** Arguments: {@code [seconds of each flood] [MB of the download]}. */
  public static void main(String[] args) throws Exception {
    int floodSeconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    long downloadBytes = (args.length > 1 ? Long.parseLong(args[1]) : 200) * 1_000_000;
    Path work = Files.createTempDirectory("emulator-bench");
    StringBuilder table = new StringBuilder();
    table.append("| measure | through the emulator | without it |\n|---|---|---|\n");
    Testbed testbed = Testbed.build(TestbedPlan.empty().withPublicHost("a").withPublicHost("b"));
    Pair net = Pair.of(testbed);
    try {
      Process server =
          InNamespace.serve(
              net.hostB(),
              PORT,
              InNamespace.httpHead(work, downloadBytes)
                  + "; head -c "
                  + downloadBytes
                  + " /dev/zero",
              work.resolve("server.log"));
      Process small =
          InNamespace.serve(
              net.hostB(),
              SMALL_PORT,
              InNamespace.httpHead(work, 1) + "; printf x",
              work.resolve("small.log"));
      try {
        double[] direct = connectTimes(net);
        double directMbit = download(net, downloadBytes);
        double[] through;
        double throughMbit;
        double[] smallFlood;
        double[] bigFlood;
        try (DelayEmulator emulator =
            DelayEmulator.start(
                testbed.internetNamespace(),
                work,
                testbed.prefix().replace("-", "") + "e",
                List.of(net.hosts()))) {
          through = connectTimes(net);
          throughMbit = download(net, downloadBytes);
          smallFlood = flood(net, emulator, 64, floodSeconds);
          bigFlood = flood(net, emulator, 1400, floodSeconds);
        }
        row(table, "TCP download, Mbit/s", f(throughMbit), f(directMbit));
        row(
            table,
            "TCP handshake (one round trip), median / p90, ms",
            f(median(through) * 1000) + " / " + f(p90(through) * 1000),
            f(median(direct) * 1000) + " / " + f(p90(direct) * 1000));
        row(
            table,
            "added per packet (half the median round trip's increase), ms",
            f((median(through) - median(direct)) * 1000 / 2),
            "");
        row(
            table,
            "UDP flood, 64-byte payloads: packets/s released (offered to it)",
            f(smallFlood[1]) + " (" + f(smallFlood[0]) + ")",
            "");
        row(
            table,
            "UDP flood, 1400-byte payloads: packets/s released (offered), Mbit/s of IP",
            f(bigFlood[1]) + " (" + f(bigFlood[0]) + "), " + f(bigFlood[1] * 1428 * 8 / 1e6),
            "");
      } finally {
        InNamespace.stop(server);
        InNamespace.stop(small);
      }
    } finally {
      testbed.close();
    }
    if (Commands.run(List.of("ip", "netns", "list")).contains(testbed.prefix())) {
      throw new IllegalStateException("namespaces of " + testbed.prefix() + " are left");
    }
    System.out.print(table);
  }

  private static double[] connectTimes(Pair net) throws Exception {
    double[] times = new double[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      times[i] =
          Double.parseDouble(
              InNamespace.run(
                      net.hostA(),
                      "curl",
                      "-sS",
                      "-o",
                      "/dev/null",
                      "--max-time",
                      "10",
                      "-w",
                      "%{time_connect}",
                      "http://" + net.addressB() + ":" + SMALL_PORT + "/")
                  .strip());
    }
    return times;
  }

  /** Mbit/s of payload of one download of {@code bytes}, best of two (the first warms up). */
  private static double download(Pair net, long bytes) throws Exception {
    double best = 0;
    for (int i = 0; i < 2; i++) {
      String[] fields =
          InNamespace.run(
                  net.hostA(),
                  "curl",
                  "-sS",
                  "-o",
                  "/dev/null",
                  "--max-time",
                  "120",
                  "-w",
                  "%{size_download} %{speed_download}",
                  "http://" + net.addressB() + ":" + PORT + "/")
              .strip()
              .split(" ");
      if (Long.parseLong(fields[0]) != bytes) {
        throw new IOException("short download: " + fields[0] + " of " + bytes + " bytes");
      }
      best = Math.max(best, Double.parseDouble(fields[1]) * 8 / 1e6);
    }
    return best;
  }

  /**
   * Floods B from A with UDP datagrams of {@code payload} bytes for {@code seconds}; gives the
   * packets per second offered to the emulator and released by it, over the flood's middle.
   */
  private static double[] flood(Pair net, DelayEmulator emulator, int payload, int seconds)
      throws Exception {
    Process sender =
        InNamespace.start(
            net.hostA(),
            "socat",
            "-u",
            "-b",
            Integer.toString(payload),
            "OPEN:/dev/zero",
            "UDP-SENDTO:" + net.addressB() + ":9");
    try {
      Thread.sleep(1000);
      EmulatorCounters before = emulator.counters();
      long start = System.nanoTime();
      Thread.sleep(seconds * 1000L);
      EmulatorCounters after = emulator.counters();
      double elapsed = (System.nanoTime() - start) / 1e9;
      return new double[] {
        (after.received() - before.received()) / elapsed,
        (after.released() - before.released()) / elapsed
      };
    } finally {
      InNamespace.stop(sender);
    }
  }

  private static void row(StringBuilder table, String measure, String through, String without) {
    table.append("| ").append(measure).append(" | ").append(through).append(" | ");
    table.append(without).append(" |\n");
  }

  private static String f(double value) {
    return String.format(Locale.ROOT, value >= 100 ? "%.0f" : "%.2f", value);
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }

  private static double p90(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[(int) Math.ceil(sorted.length * 0.9) - 1];
  }
}
