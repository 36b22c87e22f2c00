package org.jmasq.automap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.DecoderContract;
import org.junit.jupiter.api.Test;

class IgdDescriptionTest {
  private static final URI LOCATION = URI.create("http://192.168.1.1:5000/rootDesc.xml");

  private static String service(String type, String control) {
    return "<service><serviceType>"
        + type
        + "</serviceType><controlURL>"
        + control
        + "</controlURL></service>";
  }

  private static byte[] description(String urlBase, String... services) {
    return ("<?xml version=\"1.0\"?><root xmlns=\"urn:schemas-upnp-org:device-1-0\">"
            + (urlBase == null ? "" : "<URLBase>" + urlBase + "</URLBase>")
            + "<device><deviceList><device><serviceList>"
            + String.join("", services)
            + "</serviceList></device></deviceList></device></root>")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static DecodeException.Kind refusal(byte[] xml) {
    return DecoderContract.refusalOf(bytes -> IgdDescription.parse(bytes, LOCATION), xml).kind();
  }

  @Test
  void the_best_connection_service_is_chosen_and_its_url_resolved_against_the_location()
      throws Exception {
    byte[] xml =
        description(
            null,
            service("urn:schemas-upnp-org:service:Layer3Forwarding:1", "/L3F"),
            service("urn:schemas-upnp-org:service:WANIPConnection:1", "/ctl/IPConn"),
            service("urn:schemas-upnp-org:service:WANIPConnection:2", "/ctl/IPConn2"));
    assertThat(IgdDescription.parse(xml, LOCATION))
        .isEqualTo(
            new IgdDescription.Service(
                "urn:schemas-upnp-org:service:WANIPConnection:2",
                URI.create("http://192.168.1.1:5000/ctl/IPConn2")));
  }

  @Test
  void a_ppp_connection_is_taken_when_there_is_no_ip_one_and_url_base_is_honoured()
      throws Exception {
    byte[] xml =
        description(
            "http://192.168.1.1:49000/",
            service("urn:schemas-upnp-org:service:WANPPPConnection:1", "upnp/control/ppp"));
    assertThat(IgdDescription.parse(xml, LOCATION).controlUrl())
        .isEqualTo(URI.create("http://192.168.1.1:49000/upnp/control/ppp"));
  }

  @Test
  void the_fake_routers_description_is_read_back() throws Exception {
    byte[] xml = IgdDescription.describe(IgdDescription.SERVICE_TYPES.get(1), "/ctl");
    assertThat(IgdDescription.parse(xml, LOCATION).controlUrl())
        .isEqualTo(URI.create("http://192.168.1.1:5000/ctl"));
  }

  @Test
  void a_control_url_on_another_host_is_refused() {
    assertThat(
            refusal(
                description(
                    null,
                    service(
                        "urn:schemas-upnp-org:service:WANIPConnection:1", "http://10.9.9.9/c"))))
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
  }

  @Test
  void a_description_without_a_connection_service_is_refused() {
    assertThat(
            refusal(
                description(null, service("urn:schemas-upnp-org:service:WANCommonIFC:1", "/c"))))
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
    assertThat(refusal("<root>".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
  }

  @Test
  void a_doctype_and_so_any_entity_is_refused() {
    String xxe =
        "<?xml version=\"1.0\"?><!DOCTYPE root [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
            + "<root><URLBase>&x;</URLBase></root>";
    assertThat(refusal(xxe.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
    String billionLaughs =
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;\">]>"
            + "<r>&b;</r>";
    assertThat(refusal(billionLaughs.getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(DecodeException.Kind.INVALID_FIELD);
  }

  @Test
  void a_document_over_the_size_limit_is_refused_unread() {
    assertThat(refusal(new byte[SafeXml.MAX_DOCUMENT + 1]))
        .isEqualTo(DecodeException.Kind.TOO_LONG);
  }
}
