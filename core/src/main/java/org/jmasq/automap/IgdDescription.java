package org.jmasq.automap;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import org.jmasq.wire.DecodeException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Reads an Internet Gateway Device's description (the XML at the SSDP answer's {@code LOCATION})
 * for the one service a Node needs: WANIPConnection:2, else WANIPConnection:1, else
 * WANPPPConnection:1, and the URL to send its SOAP calls to. The control URL is resolved against
 * the description's {@code URLBase} or, without one, its own location, and must stay on the
 * location's host: a description may not send the Node's calls to another machine.
 */
public final class IgdDescription {
  /** The service types a Node can use, best first. */
  public static final List<String> SERVICE_TYPES =
      List.of(
          "urn:schemas-upnp-org:service:WANIPConnection:2",
          "urn:schemas-upnp-org:service:WANIPConnection:1",
          "urn:schemas-upnp-org:service:WANPPPConnection:1");

  private IgdDescription() {}

  /** The service found: its type (one of {@link #SERVICE_TYPES}) and its control URL. */
  public record Service(String serviceType, URI controlUrl) {
    public Service {
      if (!SERVICE_TYPES.contains(serviceType) || !"http".equals(controlUrl.getScheme())) {
        throw new IllegalArgumentException("service " + serviceType + " at " + controlUrl);
      }
    }
  }

  /**
   * The best service in the description {@code xml} fetched from {@code location}.
   *
   * @throws DecodeException if it is no well-formed description of a device with such a service
   */
  public static Service parse(byte[] xml, URI location) throws DecodeException {
    Document document = SafeXml.parse(xml, "device description");
    Element root = document.getDocumentElement();
    String urlBase = SafeXml.childText(root, "URLBase", "URLBase");
    URI base = urlBase == null || urlBase.isEmpty() ? location : Ssdp.httpUrl(urlBase, "URLBase");
    Service best = null;
    for (Element service : SafeXml.descendants(root, "service")) {
      String type = SafeXml.childText(service, "serviceType", "serviceType");
      String control = SafeXml.childText(service, "controlURL", "controlURL");
      if (type == null || control == null || !SERVICE_TYPES.contains(type)) {
        continue;
      }
      if (best == null || SERVICE_TYPES.indexOf(type) < SERVICE_TYPES.indexOf(best.serviceType())) {
        best = new Service(type, resolve(base, control, location));
      }
    }
    if (best == null) {
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD, "device description: no WAN connection service");
    }
    return best;
  }

  private static URI resolve(URI base, String control, URI location) throws DecodeException {
    URI resolved;
    try {
      resolved = base.resolve(control);
    } catch (IllegalArgumentException e) {
      throw new DecodeException(DecodeException.Kind.INVALID_FIELD, "controlURL: not a URL");
    }
    URI url = Ssdp.httpUrl(resolved.toString(), "controlURL");
    if (!Objects.equals(url.getHost(), location.getHost())) {
      throw new DecodeException(
          DecodeException.Kind.INVALID_FIELD, "controlURL: on another host than the description");
    }
    return url;
  }

  /** A description with one service, as a router serves it (the fake routers of the tests). */
  public static byte[] describe(String serviceType, String controlPath) {
    String xml =
        "<?xml version=\"1.0\"?>\n"
            + "<root xmlns=\"urn:schemas-upnp-org:device-1-0\">"
            + "<specVersion><major>1</major><minor>0</minor></specVersion>"
            + "<device><deviceType>urn:schemas-upnp-org:device:InternetGatewayDevice:1</deviceType>"
            + "<deviceList><device>"
            + "<deviceType>urn:schemas-upnp-org:device:WANDevice:1</deviceType><deviceList><device>"
            + "<deviceType>urn:schemas-upnp-org:device:WANConnectionDevice:1</deviceType>"
            + "<serviceList><service><serviceType>"
            + SafeXml.escape(serviceType)
            + "</serviceType><serviceId>urn:upnp-org:serviceId:WANIPConn1</serviceId>"
            + "<controlURL>"
            + SafeXml.escape(controlPath)
            + "</controlURL><eventSubURL>/evt</eventSubURL><SCPDURL>/scpd.xml</SCPDURL>"
            + "</service></serviceList></device></deviceList></device></deviceList></device></root>";
    return xml.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
