package org.jmasq.accountant;

import org.jmasq.neighborhood.RatePack;

/** Reads a rate pack as {@code --rate-pack} and the config table write it. */
public final class RatePacks {
  private RatePacks() {}

  /** Parses {@code routing_byte|routing_service|exit_byte|exit_service}, in wei. */
  public static RatePack parse(String text) {
    long[] v =
        PipeSeparated.parse(
            "rate pack",
            text,
            4,
            "routing_byte_rate|routing_service_rate|exit_byte_rate|exit_service_rate");
    return new RatePack(v[0], v[1], v[2], v[3]);
  }
}
