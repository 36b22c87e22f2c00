package org.jmasq.node;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** How a Node takes part in the network (reference §4.7). */
public enum NeighborhoodMode {
  STANDARD("standard"),
  ORIGINATE_ONLY("originate-only"),
  CONSUME_ONLY("consume-only"),
  ZERO_HOP("zero-hop");

  private final String identifier;

  NeighborhoodMode(String identifier) {
    this.identifier = identifier;
  }

  public String identifier() {
    return identifier;
  }

  public static Optional<NeighborhoodMode> fromIdentifier(String text) {
    return Arrays.stream(values()).filter(m -> m.identifier.equals(text)).findFirst();
  }

  public static String identifiers() {
    return Arrays.stream(values())
        .map(NeighborhoodMode::identifier)
        .collect(Collectors.joining(", "));
  }

  @Override
  public String toString() {
    return identifier;
  }
}
