package org.jmasq.testbed.emulator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The emulator process, run inside the internet namespace: it starts socat to bridge the TUN to a
 * loopback UDP socket (one packet per datagram each way), holds each packet in a {@link DelayLine}
 * and writes it back when due, and obeys {@link ControlCommand}s read from its standard input,
 * answering each on its standard output. It ends, and ends socat, when its input closes, so it does
 * not outlive the process that started it.
 *
 * <p>Threads: one thread owns the delay line and the socket (a selector loop that sleeps until the
 * next release); a second only reads standard input and hands each line over through a queue.
 *
 * <p>Arguments: {@code --tun <name> --network <a.b.c.d/n>...} (the testbed's addresses; a packet
 * from or to any other is dropped).
 */
public final class EmulatorMain {

  private static final int QUEUE_BYTES = 256 * 1024;
  private static final int MAX_HELD = 100_000;

  private final DelayLine line;
  private final DatagramChannel channel;
  private final Selector selector;
  private final Process socat;
  private final ConcurrentLinkedQueue<String> commands = new ConcurrentLinkedQueue<>();
  private final PrintStream out;
  private volatile boolean inputEnded;

  private EmulatorMain(DelayLine line, DatagramChannel channel, Selector selector, Process socat) {
    this.line = line;
    this.channel = channel;
    this.selector = selector;
    this.socat = socat;
    this.out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
  }

  /** Runs until standard input closes; exits 1 with a line on standard error when it cannot. */
  public static void main(String[] args) throws IOException {
    String tun = null;
    List<Ipv4Prefix> networks = new ArrayList<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--tun" -> tun = args[i + 1];
        case "--network" -> networks.add(Ipv4Prefix.parse(args[i + 1]));
        default -> throw new IllegalArgumentException("argument: " + args[i]);
      }
    }
    if (tun == null || networks.isEmpty() || args.length % 2 != 0) {
      System.err.println("usage: EmulatorMain --tun <name> --network <a.b.c.d/n>...");
      System.exit(2);
    }
    DelayLine line =
        new DelayLine(
            networks,
            ConditionsTable.of(LinkConditions.NONE),
            new SplittableRandom(),
            QUEUE_BYTES,
            MAX_HELD);
    InetAddress loopback = InetAddress.getLoopbackAddress();
    int socatPort = freePort(loopback);
    try (DatagramChannel channel = DatagramChannel.open();
        Selector selector = Selector.open()) {
      channel.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
      channel.setOption(StandardSocketOptions.SO_SNDBUF, 4 << 20);
      channel.bind(new InetSocketAddress(loopback, 0));
      // Connected: the kernel lets in datagrams from socat's port only.
      channel.connect(new InetSocketAddress(loopback, socatPort));
      channel.configureBlocking(false);
      channel.register(selector, SelectionKey.OP_READ);
      int port = ((InetSocketAddress) channel.getLocalAddress()).getPort();
      Process socat =
          new ProcessBuilder(
                  "socat",
                  "-b",
                  "65536",
                  "TUN,tun-type=tun,iff-no-pi,iff-up,tun-name=" + tun,
                  "UDP:127.0.0.1:" + port + ",bind=127.0.0.1:" + socatPort)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .redirectError(ProcessBuilder.Redirect.INHERIT)
              .start();
      Runtime.getRuntime().addShutdownHook(new Thread(socat::destroyForcibly));
      try {
        awaitCarrier(tun, socat);
        new EmulatorMain(line, channel, selector, socat).run();
      } finally {
        socat.destroyForcibly();
      }
    }
  }

  private void run() throws IOException {
    Thread reader = new Thread(this::readCommands, "emulator-control");
    reader.setDaemon(true);
    reader.start();
    // Wakes the loop, which then sees socat gone, even when no packet is due.
    socat.onExit().thenRun(selector::wakeup);
    out.println("ready");
    ByteBuffer buffer = ByteBuffer.allocate(Ipv4Header.MAX_PACKET_LENGTH + 1);
    while (true) {
      long now = System.nanoTime();
      for (byte[] packet : line.due(now)) {
        send(packet);
      }
      if (!obeyCommands()) {
        return;
      }
      if (!socat.isAlive()) {
        throw new IOException("socat ended with exit code " + socat.exitValue());
      }
      OptionalLong next = line.nextRelease();
      if (next.isEmpty()) {
        selector.select();
      } else if (next.getAsLong() - System.nanoTime() <= 0) {
        selector.selectNow();
      } else {
        // Rounded up: waking a little late costs at most a millisecond, waking early a spin.
        selector.select(Math.max(1, (next.getAsLong() - System.nanoTime() + 999_999) / 1_000_000));
      }
      selector.selectedKeys().clear();
      receiveAll(buffer);
    }
  }

  private void receiveAll(ByteBuffer buffer) throws IOException {
    while (true) {
      buffer.clear();
      try {
        if (channel.receive(buffer) == null) {
          return;
        }
      } catch (PortUnreachableException e) {
        // socat not yet bound, or gone: the loop notices the latter.
        return;
      }
      buffer.flip();
      byte[] packet = new byte[buffer.remaining()];
      buffer.get(packet);
      line.offer(packet, System.nanoTime());
    }
  }

  private void send(byte[] packet) throws IOException {
    try {
      // A full socket buffer drops the packet, as a full interface queue would.
      channel.write(ByteBuffer.wrap(packet));
    } catch (PortUnreachableException e) {
      // socat not listening for an instant: the packet is lost, as on a link that blinks.
    }
  }

  private boolean obeyCommands() {
    // Read the flag first: a line queued before the input ended is still answered.
    boolean ended = inputEnded;
    String command;
    while ((command = commands.poll()) != null) {
      out.println(answer(command));
    }
    return !ended;
  }

  private String answer(String text) {
    try {
      return switch (ControlCommand.decode(text)) {
        case ControlCommand.SetPair pair -> {
          line.table(line.table().with(pair.a(), pair.b(), pair.conditions()));
          yield "ok";
        }
        case ControlCommand.SetDefault byDefault -> {
          line.table(line.table().withDefault(byDefault.conditions()));
          yield "ok";
        }
        case ControlCommand.QueryCounters query -> "counters " + line.counters().encode();
      };
    } catch (IllegalArgumentException e) {
      return "error " + e.getMessage().replace('\n', ' ');
    }
  }

  private void readCommands() {
    try (BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      String text;
      while ((text = in.readLine()) != null) {
        commands.add(text);
        selector.wakeup();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      inputEnded = true;
      selector.wakeup();
    }
  }

  private static int freePort(InetAddress loopback) throws IOException {
    // Nothing else binds ports in the internet namespace, so the port stays free for socat.
    try (DatagramChannel probe = DatagramChannel.open()) {
      probe.bind(new InetSocketAddress(loopback, 0));
      return ((InetSocketAddress) probe.getLocalAddress()).getPort();
    }
  }

  /** Waits until socat holds the TUN open, which is when the kernel gives the TUN a carrier. */
  private static void awaitCarrier(String tun, Process socat) throws IOException {
    Path carrier = Path.of("/sys/class/net", tun, "carrier");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (true) {
      try {
        if (Files.readString(carrier).strip().equals("1")) {
          return;
        }
      } catch (IOException e) {
        // The file reads as an error while the link has no carrier.
      }
      if (!socat.isAlive() || System.nanoTime() - deadline > 0) {
        throw new IOException("socat did not open TUN " + tun);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting for TUN " + tun, e);
      }
    }
  }
}
