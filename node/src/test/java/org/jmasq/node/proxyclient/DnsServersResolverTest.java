package org.jmasq.node.proxyclient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * Resolving through the servers given with {@code --dns-servers}, against a scripted DNS server on
 * loopback.
 */
@Timeout(20)
class DnsServersResolverTest {
  private static final Duration TIMEOUT = Duration.ofMillis(500);

  private final ScriptedDnsServer dns =
      new ScriptedDnsServer(
          Map.of(
              "www.example.test.", List.of("93.184.216.34", "2001:db8::1"),
              "v4only.example.test.", List.of("192.0.2.7")));

  DnsServersResolverTest() throws SocketException {}

  @AfterEach
  void stop() {
    dns.close();
  }

  /** Answers A and AAAA questions from a table, NXDOMAIN otherwise, and records each question. */
  static final class ScriptedDnsServer implements AutoCloseable {
    private final DatagramSocket socket =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    private final Map<String, List<String>> table;
    final List<String> questions = new CopyOnWriteArrayList<>();

    ScriptedDnsServer(Map<String, List<String>> table) throws SocketException {
      this.table = table;
      Thread.ofPlatform().name("scripted-dns").daemon().start(this::serve);
    }

    InetSocketAddress address() {
      return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void serve() {
      byte[] buffer = new byte[512];
      try {
        while (true) {
          DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
          socket.receive(packet);
          byte[] answer = answer(new Message(Arrays.copyOf(packet.getData(), packet.getLength())));
          socket.send(new DatagramPacket(answer, answer.length, packet.getSocketAddress()));
        }
      } catch (IOException e) {
        // closed by the test
      }
    }

    private byte[] answer(Message query) throws IOException {
      Record question = query.getQuestion();
      String name = question.getName().toString();
      questions.add(name + " " + Type.string(question.getType()));
      Message response = new Message(query.getHeader().getID());
      response.getHeader().setFlag(Flags.QR);
      response.getHeader().setFlag(Flags.RA);
      response.addRecord(question, Section.QUESTION);
      List<String> addresses = table.get(name);
      if (addresses == null) {
        response.getHeader().setRcode(Rcode.NXDOMAIN);
        return response.toWire();
      }
      for (String text : addresses) {
        InetAddress address = InetAddress.getByName(text); // literals only
        boolean v6 = address.getAddress().length == 16;
        if (question.getType() == Type.A && !v6) {
          response.addRecord(
              new ARecord(question.getName(), DClass.IN, 60, address), Section.ANSWER);
        } else if (question.getType() == Type.AAAA && v6) {
          response.addRecord(
              new AAAARecord(question.getName(), DClass.IN, 60, address), Section.ANSWER);
        }
      }
      return response.toWire();
    }

    @Override
    public void close() {
      socket.close();
    }
  }

  private DnsServersResolver resolver() {
    return new DnsServersResolver(List.of(dns.address()), TIMEOUT);
  }

  @Test
  void a_name_resolves_to_its_a_and_then_its_aaaa_records() throws Exception {
    assertThat(resolver().resolve("www.example.test"))
        .containsExactly(
            InetAddress.getByName("93.184.216.34"), InetAddress.getByName("2001:db8::1"));
  }

  @Test
  void a_name_with_only_an_a_record_resolves_to_it() throws Exception {
    assertThat(resolver().resolve("v4only.example.test"))
        .containsExactly(InetAddress.getByName("192.0.2.7"));
  }

  @Test
  void a_name_is_asked_as_typed_with_no_search_domain_appended() throws Exception {
    assertThatThrownBy(() -> resolver().resolve("intranet"))
        .isInstanceOf(UnknownHostException.class);
    assertThat(dns.questions).containsExactly("intranet. A", "intranet. AAAA");
  }

  @Test
  void a_name_that_does_not_exist_is_an_unknown_host() {
    assertThatThrownBy(() -> resolver().resolve("nowhere.example.test"))
        .isInstanceOf(UnknownHostException.class)
        .hasMessageContaining("nowhere.example.test");
  }

  @Test
  void ip_literals_are_returned_without_asking_the_server() throws Exception {
    assertThat(resolver().resolve("203.0.113.9"))
        .containsExactly(InetAddress.getByName("203.0.113.9"));
    assertThat(resolver().resolve("2001:db8::5"))
        .containsExactly(InetAddress.getByName("2001:db8::5"));
    assertThat(dns.questions).isEmpty();
  }

  @Test
  void a_server_that_never_answers_gives_an_unknown_host_after_the_timeout() throws Exception {
    try (DatagramSocket silent =
        new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
      DnsServersResolver resolver =
          new DnsServersResolver(
              List.of((InetSocketAddress) silent.getLocalSocketAddress()), Duration.ofMillis(200));
      assertThatThrownBy(() -> resolver.resolve("www.example.test"))
          .isInstanceOf(UnknownHostException.class);
    }
  }

  @Test
  void an_empty_server_list_is_refused() {
    assertThatThrownBy(() -> new DnsServersResolver(List.of(), TIMEOUT))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
