package org.jmasq.node.ui;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The Neighborhood as this Node knows it: the payload of the JMasq extension {@code neighborhood}
 * and of its {@code neighborhoodChange} broadcast (see {@code docs/UI.md}).
 *
 * @param self this Node's short key
 * @param nodes every Node known, this one included
 * @param edges one per full neighborship, each once
 */
public record NeighborhoodSnapshot(String self, List<KnownNode> nodes, List<Edge> edges) {
  public NeighborhoodSnapshot {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /**
   * A Node known.
   *
   * @param key its full key, base64url
   * @param shortKey the key as logs write it (its first 8 bytes in hex)
   * @param neighbor whether it is a full neighbor of this Node
   */
  public record KnownNode(String key, String shortKey, boolean neighbor) {}

  /** A full neighborship between two Nodes, by their short keys. */
  public record Edge(String from, String to) {}

  /** This Node's full neighbors. */
  public long neighbors() {
    return nodes.stream().filter(KnownNode::neighbor).count();
  }

  ObjectNode payload() {
    ObjectNode out = UiAnswer.object();
    out.put("self", self);
    ArrayNode list = out.putArray("nodes");
    for (KnownNode n : nodes) {
      list.addObject()
          .put("key", n.key())
          .put("shortKey", n.shortKey())
          .put("neighbor", n.neighbor());
    }
    ArrayNode links = out.putArray("edges");
    for (Edge e : edges) {
      links.addObject().put("from", e.from()).put("to", e.to());
    }
    return out;
  }
}
