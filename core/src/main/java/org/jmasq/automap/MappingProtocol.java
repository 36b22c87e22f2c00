package org.jmasq.automap;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A way to ask a router for a port mapping, named as the reference's {@code --mapping-protocol}
 * names it and in the order the reference tries them.
 */
public enum MappingProtocol {
  /** Port Control Protocol, RFC 6887, UDP port 5351. */
  PCP("pcp"),
  /** NAT Port Mapping Protocol, RFC 6886, UDP port 5351. */
  PMP("pmp"),
  /** UPnP Internet Gateway Device: SSDP search, then SOAP to WANIPConnection. */
  IGDP("igdp");

  private final String optionName;

  MappingProtocol(String optionName) {
    this.optionName = optionName;
  }

  /** The name on the command line and in the database's config table. */
  public String optionName() {
    return optionName;
  }

  /**
   * The protocol named {@code name}, in any case.
   *
   * @throws IllegalArgumentException naming the accepted values when none matches
   */
  public static MappingProtocol parse(String name) {
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (MappingProtocol protocol : values()) {
      if (protocol.optionName.equals(wanted)) {
        return protocol;
      }
    }
    throw new IllegalArgumentException(
        "mapping protocol '"
            + name
            + "' (expected one of: "
            + Arrays.stream(values())
                .map(MappingProtocol::optionName)
                .collect(Collectors.joining(", "))
            + ")");
  }
}
