package org.jmasq.neighborhood.route;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.jmasq.crypto.PublicKey;

/**
 * Writes a neighborhood graph in Graphviz DOT: one node per key (the originator doubled-circled), a
 * solid undirected edge per full neighborship, and a dashed arrow for a one-sided (half) link.
 */
public final class GraphvizExport {
  private GraphvizExport() {}

  public static String toDot(RouteGraph graph, Collection<PublicKey> keys) {
    StringBuilder out =
        new StringBuilder("digraph neighborhood {\n  node [shape=circle fontsize=10];\n");
    Set<PublicKey> sorted = new TreeSet<>(keys);
    for (PublicKey k : sorted) {
      String country = graph.country(k).map(c -> "\\n" + c).orElse("");
      out.append("  \"")
          .append(k)
          .append("\" [label=\"")
          .append(k.toString(), 0, 8)
          .append(country)
          .append('"');
      if (k.equals(graph.origin())) {
        out.append(" shape=doublecircle");
      }
      if (!graph.routesData(k)) {
        out.append(" style=dashed");
      }
      out.append("];\n");
    }
    for (PublicKey a : sorted) {
      for (PublicKey b : new TreeSet<>(graph.listedNeighbors(a))) {
        boolean mutual = graph.lists(b, a);
        if (mutual && a.compareTo(b) < 0 && sorted.contains(b)) {
          out.append("  \"").append(a).append("\" -> \"").append(b).append("\" [dir=none];\n");
        } else if (!mutual && sorted.contains(b)) {
          out.append("  \"").append(a).append("\" -> \"").append(b).append("\" [style=dashed];\n");
        }
      }
    }
    return out.append("}\n").toString();
  }
}
