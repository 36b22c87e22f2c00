package org.jmasq.node.hopper;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jmasq.crypto.NodeKeyPair;
import org.jmasq.crypto.PublicKey;

/**
 * Links between {@link TestNode}s in one process. A send is queued and recorded; {@link
 * #deliverAll} hands the queued packages to their Hoppers one at a time, each with the sender's key
 * as a link's handshake would have proved it, so each hop is its own step.
 */
final class InMemoryNetwork {
  /** One package on one link. */
  record Sent(TestNode from, TestNode to, byte[] bytes) {
    @Override
    public String toString() {
      return from + "→" + to;
    }
  }

  private final Map<PublicKey, TestNode> nodes = new LinkedHashMap<>();
  private final Deque<Sent> inFlight = new ArrayDeque<>();
  final List<Sent> log = new ArrayList<>();

  TestNode node(String name) {
    return node(name, NodeKeyPair.generate(TestNode.RANDOM), keys -> Hopper.Billing.FREE);
  }

  /** A Node whose billing depends on its own key (a payer proof is made for one Node's key). */
  TestNode node(
      String name,
      NodeKeyPair mainKeys,
      java.util.function.Function<PublicKey, Hopper.Billing> billing) {
    TestNode[] self = new TestNode[1];
    TestNode node =
        new TestNode(
            name,
            mainKeys,
            NodeKeyPair.generate(TestNode.RANDOM),
            (next, bytes) -> {
              TestNode to = nodes.get(next);
              if (to == null) {
                throw new IOException("no link to " + next);
              }
              Sent sent = new Sent(self[0], to, bytes.clone());
              log.add(sent);
              inFlight.add(sent);
            },
            billing.apply(mainKeys.publicKey()));
    self[0] = node;
    nodes.put(node.key(), node);
    return node;
  }

  void deliverAll() {
    Sent sent;
    while ((sent = inFlight.poll()) != null) {
      // A copy, as a link's reader makes one: the receiving Hopper shifts the route in place.
      sent.to().hopper.receive(sent.bytes().clone(), sent.from().address, sent.from().key());
    }
  }
}
