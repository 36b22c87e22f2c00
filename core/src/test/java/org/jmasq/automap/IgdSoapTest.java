package org.jmasq.automap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.DecoderContract;
import org.junit.jupiter.api.Test;

class IgdSoapTest {
  private static final String TYPE = "urn:schemas-upnp-org:service:WANIPConnection:1";

  private static Inet4Address ip(String literal) throws Exception {
    return (Inet4Address) InetAddress.getByName(literal);
  }

  private static DecodeException.Kind refusal(byte[] xml, IgdSoap.Action action) {
    return DecoderContract.refusalOf(bytes -> IgdSoap.parseAnswer(bytes, action), xml).kind();
  }

  @Test
  void add_port_mapping_carries_every_argument_and_escapes_the_description() throws Exception {
    IgdSoap.AddPortMapping add =
        new IgdSoap.AddPortMapping(5555, 5555, ip("192.168.1.10"), "JMasq <&>", 600);
    String body = new String(IgdSoap.body(TYPE, add), StandardCharsets.UTF_8);
    assertThat(body)
        .contains(
            "<u:AddPortMapping xmlns:u=\"" + TYPE + "\">",
            "<NewExternalPort>5555</NewExternalPort><NewProtocol>TCP</NewProtocol>",
            "<NewInternalClient>192.168.1.10</NewInternalClient>",
            "<NewPortMappingDescription>JMasq &lt;&amp;&gt;</NewPortMappingDescription>",
            "<NewLeaseDuration>600</NewLeaseDuration>");
    assertThat(IgdSoap.soapAction(TYPE, add)).isEqualTo("\"" + TYPE + "#AddPortMapping\"");
    assertThat(
            new String(
                IgdSoap.body(TYPE, new IgdSoap.DeletePortMapping(5555)), StandardCharsets.UTF_8))
        .contains("<u:DeletePortMapping", "<NewExternalPort>5555</NewExternalPort>");
  }

  @Test
  void the_external_address_and_a_mapping_entry_are_read_from_their_answers() throws Exception {
    IgdSoap.Action get = new IgdSoap.GetExternalIPAddress();
    byte[] answer =
        IgdSoap.encode(
            TYPE, get, new IgdSoap.Success(Map.of("NewExternalIPAddress", "100.128.0.1")));
    IgdSoap.Answer parsed = IgdSoap.parseAnswer(answer, get);
    assertThat(IgdSoap.externalAddress((IgdSoap.Success) parsed)).isEqualTo(ip("100.128.0.1"));

    IgdSoap.Action lookup = new IgdSoap.GetSpecificPortMappingEntry(5555);
    Map<String, String> entry = new LinkedHashMap<>();
    entry.put("NewInternalPort", "5555");
    entry.put("NewInternalClient", "192.168.1.10");
    entry.put("NewEnabled", "1");
    entry.put("NewPortMappingDescription", "JMasq");
    entry.put("NewLeaseDuration", "297");
    IgdSoap.Success success =
        (IgdSoap.Success)
            IgdSoap.parseAnswer(IgdSoap.encode(TYPE, lookup, new IgdSoap.Success(entry)), lookup);
    assertThat(success.arguments()).isEqualTo(entry);
    assertThat(IgdSoap.entry(success))
        .isEqualTo(new IgdSoap.PortMappingEntry(5555, ip("192.168.1.10"), true, 297));
  }

  @Test
  void a_upnp_fault_is_a_value_with_its_code() throws Exception {
    IgdSoap.Action add = new IgdSoap.AddPortMapping(5555, 5555, ip("192.168.1.10"), "JMasq", 600);
    for (IgdSoap.UpnpError error :
        new IgdSoap.UpnpError[] {
          new IgdSoap.UpnpError(IgdSoap.CONFLICT_IN_MAPPING_ENTRY, "ConflictInMappingEntry"),
          new IgdSoap.UpnpError(
              IgdSoap.ONLY_PERMANENT_LEASES_SUPPORTED, "OnlyPermanentLeasesSupported")
        }) {
      assertThat(IgdSoap.parseAnswer(IgdSoap.encode(error), add)).isEqualTo(error);
    }
  }

  @Test
  void an_answer_to_another_action_or_with_bad_arguments_is_refused() throws Exception {
    IgdSoap.Action get = new IgdSoap.GetExternalIPAddress();
    byte[] deleted =
        IgdSoap.encode(TYPE, new IgdSoap.DeletePortMapping(1), new IgdSoap.Success(Map.of()));
    assertThat(refusal(deleted, get)).isEqualTo(DecodeException.Kind.INVALID_FIELD);
    for (String address :
        new String[] {"", "example.com", "1.2.3", "1.2.3.256", "01.2.3.4", "1.2.3.-4"}) {
      IgdSoap.Success success = new IgdSoap.Success(Map.of("NewExternalIPAddress", address));
      assertThat(
              DecoderContract.refusalOf(s -> IgdSoap.externalAddress(success), new byte[0]).kind())
          .as(address)
          .isEqualTo(DecodeException.Kind.INVALID_FIELD);
    }
    Map<String, String> many = new LinkedHashMap<>();
    for (int i = 0; i <= IgdSoap.MAX_ARGUMENTS; i++) {
      many.put("A" + i, "v");
    }
    assertThat(refusal(IgdSoap.encode(TYPE, get, new IgdSoap.Success(many)), get))
        .isEqualTo(DecodeException.Kind.TOO_LONG);
    byte[] badCode = IgdSoap.encode(new IgdSoap.UpnpError(718, "x")).clone();
    String text = new String(badCode, StandardCharsets.UTF_8).replace(">718<", ">7x8<");
    assertThat(refusal(text.getBytes(StandardCharsets.UTF_8), get))
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
  }

  @Test
  void an_argument_longer_than_the_limit_is_refused() throws Exception {
    IgdSoap.Action get = new IgdSoap.GetExternalIPAddress();
    byte[] xml =
        IgdSoap.encode(
            TYPE,
            get,
            new IgdSoap.Success(Map.of("NewExternalIPAddress", "1".repeat(SafeXml.MAX_TEXT + 1))));
    assertThat(refusal(xml, get)).isEqualTo(DecodeException.Kind.TOO_LONG);
  }
}
