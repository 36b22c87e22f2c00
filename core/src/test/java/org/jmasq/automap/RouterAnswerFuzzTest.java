package org.jmasq.automap;

import static org.jmasq.wire.FuzzContract.assertRoundTrip;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jmasq.wire.DecodeException;
import org.jmasq.wire.FuzzContract;

/**
 * Fuzz targets for what a router, or anything else on the LAN, answers a Node's port-mapping
 * requests: PCP and NAT-PMP datagrams, SSDP answers, device descriptions and SOAP answers. The
 * corpus is in {@code RouterAnswerFuzzTestInputs}; see docs/FUZZING.md.
 */
class RouterAnswerFuzzTest {
  private static final FuzzContract WIRE = FuzzContract.refusingWith(DecodeException.class);

  /** The XML and text parsers compare strings per byte, as the HTTP head's does. */
  private static final FuzzContract TEXT = WIRE.allowingPerInputByte(4096);

  private static final URI LOCATION = URI.create("http://192.168.1.1:5000/rootDesc.xml");

  private static final String TYPE = "urn:schemas-upnp-org:service:WANIPConnection:1";

  private static final List<IgdSoap.Action> ACTIONS =
      List.of(
          new IgdSoap.GetExternalIPAddress(),
          new IgdSoap.GetSpecificPortMappingEntry(5555),
          new IgdSoap.DeletePortMapping(5555),
          new IgdSoap.AddPortMapping(
              5555, 5555, NatPmp.ipv4(new byte[] {10, 0, 0, 2}), "JMasq", 600));

  @FuzzTest
  void a_pcp_answer_is_decoded_or_refused(byte[] input) throws DecodeException {
    Optional<Pcp.Answer> answer = WIRE.decode(input.length, () -> Pcp.decodeAnswer(input));
    if (answer.isPresent()) {
      assertRoundTrip(answer.get(), Pcp.decodeAnswer(Pcp.encode(answer.get())));
    }
  }

  @FuzzTest
  void a_nat_pmp_answer_is_decoded_or_refused(byte[] input) throws DecodeException {
    Optional<NatPmp.Answer> answer = WIRE.decode(input.length, () -> NatPmp.decodeAnswer(input));
    if (answer.isPresent()) {
      assertRoundTrip(answer.get(), NatPmp.decodeAnswer(NatPmp.encode(answer.get())));
    }
  }

  @FuzzTest
  void an_ssdp_answer_is_decoded_or_refused(byte[] input) throws DecodeException {
    Optional<Ssdp.SearchAnswer> answer = TEXT.decode(input.length, () -> Ssdp.decodeAnswer(input));
    if (answer.isPresent()) {
      assertRoundTrip(answer.get(), Ssdp.decodeAnswer(Ssdp.encode(answer.get())));
    }
  }

  @FuzzTest
  void a_device_description_is_parsed_or_refused(byte[] input) {
    Optional<IgdDescription.Service> service =
        TEXT.decode(input.length, () -> IgdDescription.parse(input, LOCATION));
    if (service.isPresent() && !service.get().controlUrl().getHost().equals(LOCATION.getHost())) {
      throw new AssertionError("a control URL on another host: " + service.get());
    }
  }

  /** The first byte picks the action answered; the rest is the answer. */
  @FuzzTest
  void a_soap_answer_is_parsed_or_refused(byte[] input) throws DecodeException {
    if (input.length == 0) {
      return;
    }
    IgdSoap.Action action = ACTIONS.get((input[0] & 0xff) % ACTIONS.size());
    byte[] xml = Arrays.copyOfRange(input, 1, input.length);
    Optional<IgdSoap.Answer> answer =
        TEXT.decode(xml.length, () -> IgdSoap.parseAnswer(xml, action));
    if (answer.isEmpty()) {
      return;
    }
    switch (answer.get()) {
      case IgdSoap.Success success -> {
        assertRoundTrip(
            success, IgdSoap.parseAnswer(IgdSoap.encode(TYPE, action, success), action));
        WIRE.decode(xml.length, () -> IgdSoap.externalAddress(success));
        WIRE.decode(xml.length, () -> IgdSoap.entry(success));
      }
      case IgdSoap.UpnpError error ->
          assertRoundTrip(error, IgdSoap.parseAnswer(IgdSoap.encode(error), action));
    }
  }
}
