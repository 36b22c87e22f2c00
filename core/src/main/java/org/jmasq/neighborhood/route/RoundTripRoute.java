package org.jmasq.neighborhood.route;

import java.util.List;
import org.jmasq.crypto.PublicKey;

/**
 * A route as {@code RoutePlan.roundTrip} takes it: {@code over} from the originator to the exit,
 * {@code back} from the exit to the originator.
 *
 * @param undesirability the summed cost of both legs, as the search ranked it
 */
public record RoundTripRoute(List<PublicKey> over, List<PublicKey> back, long undesirability) {
  public RoundTripRoute {
    over = List.copyOf(over);
    back = List.copyOf(back);
    if (over.size() < 2 || back.size() < 2) {
      throw new IllegalArgumentException("each leg needs at least two keys");
    }
    if (!over.get(over.size() - 1).equals(back.get(0))
        || !over.get(0).equals(back.get(back.size() - 1))) {
      throw new IllegalArgumentException(
          "the back leg must start at the exit and end at the originator");
    }
  }

  public PublicKey exit() {
    return back.get(0);
  }

  int overHops() {
    return over.size() - 1;
  }
}
