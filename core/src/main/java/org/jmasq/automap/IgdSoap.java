package org.jmasq.automap;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jmasq.wire.DecodeException;
import org.w3c.dom.Element;

/**
 * The SOAP calls a Node makes to a router's WANIPConnection (or WANPPPConnection) service, and the
 * router's answers: a {@code <u:ActionResponse>} with the action's output arguments, or a fault
 * whose {@code UPnPError} carries a code (718 ConflictInMappingEntry, 725
 * OnlyPermanentLeasesSupported, ...). Answers go through {@link SafeXml}: no DTD, at most 64 KiB,
 * at most {@link #MAX_ARGUMENTS} arguments of at most 1024 characters.
 */
public final class IgdSoap {
  public static final int MAX_ARGUMENTS = 32;

  /** The mapping asked for is held by another client or for another internal port. */
  public static final int CONFLICT_IN_MAPPING_ENTRY = 718;

  /** The router takes only mappings of unlimited lease (lease duration 0). */
  public static final int ONLY_PERMANENT_LEASES_SUPPORTED = 725;

  /** No mapping of that port (the answer to a lookup or removal of a missing one). */
  public static final int NO_SUCH_ENTRY_IN_ARRAY = 714;

  private IgdSoap() {}

  /** A call to the connection service. */
  public sealed interface Action
      permits GetExternalIPAddress, AddPortMapping, DeletePortMapping, GetSpecificPortMappingEntry {
    /** Its name, as in the SOAPAction header and the body's element. */
    default String name() {
      return getClass().getSimpleName();
    }
  }

  public record GetExternalIPAddress() implements Action {}

  /** Maps TCP {@code externalPort} to {@code internalClient:internalPort}; lease 0 is permanent. */
  public record AddPortMapping(
      int externalPort,
      int internalPort,
      Inet4Address internalClient,
      String description,
      long leaseSeconds)
      implements Action {
    public AddPortMapping {
      Pcp.checkPort("externalPort", externalPort, 1);
      Pcp.checkPort("internalPort", internalPort, 1);
      Pcp.checkU32("leaseSeconds", leaseSeconds);
      if (internalClient == null || description.length() > 64) {
        throw new IllegalArgumentException("an internal client and a short description");
      }
    }
  }

  public record DeletePortMapping(int externalPort) implements Action {
    public DeletePortMapping {
      Pcp.checkPort("externalPort", externalPort, 1);
    }
  }

  public record GetSpecificPortMappingEntry(int externalPort) implements Action {
    public GetSpecificPortMappingEntry {
      Pcp.checkPort("externalPort", externalPort, 1);
    }
  }

  /** A router's answer to an action. */
  public sealed interface Answer permits Success, UpnpError {}

  /** The action's output arguments, by name, in the router's order. */
  public record Success(Map<String, String> arguments) implements Answer {
    public Success {
      arguments = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(arguments));
    }
  }

  /** A UPnP error from the router's fault answer. */
  public record UpnpError(int code, String description) implements Answer {}

  /** A mapping as GetSpecificPortMappingEntry reports it. */
  public record PortMappingEntry(
      int internalPort, Inet4Address internalClient, boolean enabled, long leaseSeconds) {}

  /** The value of the SOAPAction header for {@code action} on {@code serviceType}. */
  public static String soapAction(String serviceType, Action action) {
    return "\"" + serviceType + "#" + action.name() + "\"";
  }

  /** The request body of {@code action} on {@code serviceType}. */
  public static byte[] body(String serviceType, Action action) {
    String arguments =
        switch (action) {
          case GetExternalIPAddress a -> "";
          case AddPortMapping a ->
              "<NewRemoteHost></NewRemoteHost>"
                  + argument("NewExternalPort", a.externalPort())
                  + "<NewProtocol>TCP</NewProtocol>"
                  + argument("NewInternalPort", a.internalPort())
                  + argument("NewInternalClient", a.internalClient().getHostAddress())
                  + "<NewEnabled>1</NewEnabled>"
                  + argument("NewPortMappingDescription", a.description())
                  + argument("NewLeaseDuration", a.leaseSeconds());
          case DeletePortMapping a ->
              "<NewRemoteHost></NewRemoteHost>"
                  + argument("NewExternalPort", a.externalPort())
                  + "<NewProtocol>TCP</NewProtocol>";
          case GetSpecificPortMappingEntry a ->
              "<NewRemoteHost></NewRemoteHost>"
                  + argument("NewExternalPort", a.externalPort())
                  + "<NewProtocol>TCP</NewProtocol>";
        };
    return envelope(
        "<u:"
            + action.name()
            + " xmlns:u=\""
            + SafeXml.escape(serviceType)
            + "\">"
            + arguments
            + "</u:"
            + action.name()
            + ">");
  }

  /** A success answer as a router sends it (the fake routers of the tests). */
  public static byte[] encode(String serviceType, Action action, Success success) {
    StringBuilder arguments = new StringBuilder();
    success.arguments().forEach((name, value) -> arguments.append(argument(name, value)));
    String name = action.name() + "Response";
    return envelope(
        "<u:"
            + name
            + " xmlns:u=\""
            + SafeXml.escape(serviceType)
            + "\">"
            + arguments
            + "</u:"
            + name
            + ">");
  }

  /** A fault answer as a router sends it, with HTTP status 500. */
  public static byte[] encode(UpnpError error) {
    return envelope(
        "<s:Fault><faultcode>s:Client</faultcode><faultstring>UPnPError</faultstring><detail>"
            + "<UPnPError xmlns=\"urn:schemas-upnp-org:control-1-0\">"
            + argument("errorCode", error.code())
            + argument("errorDescription", error.description())
            + "</UPnPError></detail></s:Fault>");
  }

  /**
   * The router's answer to {@code action} in {@code xml}.
   *
   * @throws DecodeException if it is neither the action's response nor a UPnP fault
   */
  public static Answer parseAnswer(byte[] xml, Action action) throws DecodeException {
    Element root = SafeXml.parse(xml, "SOAP answer").getDocumentElement();
    List<Element> errors = SafeXml.descendants(root, "UPnPError");
    if (!errors.isEmpty()) {
      String code = SafeXml.childText(errors.get(0), "errorCode", "errorCode");
      String description = SafeXml.childText(errors.get(0), "errorDescription", "errorDescription");
      return new UpnpError(
          (int) number(code, 9999, "errorCode"), description == null ? "" : description);
    }
    List<Element> responses = SafeXml.descendants(root, action.name() + "Response");
    if (responses.isEmpty()) {
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD, "SOAP answer: no " + action.name() + "Response");
    }
    Map<String, String> arguments = new LinkedHashMap<>();
    for (Element argument : SafeXml.children(responses.get(0))) {
      if (arguments.size() == MAX_ARGUMENTS) {
        throw new DecodeException(DecodeException.Kind.TOO_LONG, "SOAP answer: too many arguments");
      }
      String name = SafeXml.localName(argument);
      arguments.put(name, SafeXml.text(argument, name));
    }
    return new Success(arguments);
  }

  /** The external address in GetExternalIPAddress's answer. */
  public static Inet4Address externalAddress(Success answer) throws DecodeException {
    return ipv4(answer.arguments().get("NewExternalIPAddress"), "NewExternalIPAddress");
  }

  /** The mapping in GetSpecificPortMappingEntry's answer. */
  public static PortMappingEntry entry(Success answer) throws DecodeException {
    Map<String, String> a = answer.arguments();
    return new PortMappingEntry(
        (int) number(a.get("NewInternalPort"), 0xffff, "NewInternalPort"),
        ipv4(a.get("NewInternalClient"), "NewInternalClient"),
        "1".equals(a.get("NewEnabled")) || "true".equalsIgnoreCase(a.get("NewEnabled")),
        number(a.get("NewLeaseDuration"), 0xffffffffL, "NewLeaseDuration"));
  }

  private static long number(String text, long max, String what) throws DecodeException {
    if (text == null
        || text.isEmpty()
        || text.length() > 10
        || !text.chars().allMatch(Character::isDigit)) {
      throw new DecodeException(DecodeException.Kind.INVALID_FIELD, what + ": not a number");
    }
    long value = Long.parseLong(text);
    if (value > max) {
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD, what + ": " + value + " (max " + max + ")");
    }
    return value;
  }

  /** A dotted IPv4 literal; never a host name, so never a DNS lookup. */
  private static Inet4Address ipv4(String text, String what) throws DecodeException {
    String[] parts = text == null ? new String[0] : text.split("\\.", -1);
    if (parts.length != 4) {
      throw new DecodeException(DecodeException.Kind.INVALID_FIELD, what + ": not an IPv4 address");
    }
    byte[] four = new byte[4];
    for (int i = 0; i < 4; i++) {
      if (parts[i].length() > 1 && parts[i].startsWith("0")) {
        throw new DecodeException(DecodeException.Kind.INVALID_FIELD, what + ": leading zero");
      }
      four[i] = (byte) number(parts[i], 255, what);
    }
    try {
      return (Inet4Address) InetAddress.getByAddress(four);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String argument(String name, Object value) {
    return "<" + name + ">" + SafeXml.escape(String.valueOf(value)) + "</" + name + ">";
  }

  private static byte[] envelope(String body) {
    return ("<?xml version=\"1.0\"?>\n"
            + "<s:Envelope xmlns:s=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " s:encodingStyle=\"http://schemas.xmlsoap.org/soap/encoding/\">"
            + "<s:Body>"
            + body
            + "</s:Body></s:Envelope>")
        .getBytes(StandardCharsets.UTF_8);
  }
}
