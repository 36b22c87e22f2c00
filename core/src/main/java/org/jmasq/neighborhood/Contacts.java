package org.jmasq.neighborhood;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.random.RandomGenerator;
import org.jmasq.crypto.PublicKey;
import org.jmasq.identity.NodeDescriptor;

/**
 * The Nodes a healing debut may go to, with their addresses: the bootstrap descriptors (configured,
 * or the past neighbors a Node started from), every full neighbor it has had, and every Node that
 * spoke to it from its own address or that it was sent to (Passes, Introductions). A Node whose
 * neighbors all died needs a live address outside its own island, and one neighbor's contacts
 * rarely all die together; so the book keeps many, at most {@link #MAX}. When full it forgets first
 * the Nodes it was only told of, which anyone can name by the dozen, then those it heard from
 * itself; among those, the ones that failed most often, then the ones it heard of longest ago.
 * Bootstrap descriptors are never forgotten. Owned by the Neighborhood's thread.
 */
final class Contacts {
  /** The most contacts kept besides the bootstrap descriptors. */
  static final int MAX = 64;

  private static final class Entry {
    final NodeDescriptor descriptor;
    final boolean bootstrap;
    // Heard from itself (a neighbor, or Gossip from its own address), not only named by another.
    final boolean firsthand;
    int failures;

    Entry(NodeDescriptor descriptor, boolean bootstrap, boolean firsthand) {
      this.descriptor = descriptor;
      this.bootstrap = bootstrap;
      this.firsthand = firsthand;
    }

    /** Which of two entries the book forgets first, the greater: see the class comment. */
    int expendability() {
      return (firsthand ? 0 : 1 << 16) + Math.min(failures, (1 << 16) - 1);
    }
  }

  // By the key's encryption half, which names a Node in descriptors too. Insertion order is recency
  // (a contact heard from again moves to the end), and keeps the seeded choices in pick() the same
  // on every run.
  private final Map<String, Entry> entries = new LinkedHashMap<>();

  private static String id(PublicKey key) {
    return key.toDescriptorForm();
  }

  /** A descriptor the Node started from: kept for good. */
  void bootstrap(NodeDescriptor d) {
    if (d.nodeAddr().isPresent()) {
      entries.remove(id(d.key()));
      entries.put(id(d.key()), new Entry(d, true, true));
    }
  }

  /**
   * A Node known to be alive at {@code d}'s address just now (a neighbor, or one that spoke to us
   * from there): it becomes the newest contact, its failures forgotten.
   */
  void alive(NodeDescriptor d) {
    if (d.nodeAddr().isEmpty()) {
      return;
    }
    Entry old = entries.remove(id(d.key()));
    entries.put(id(d.key()), new Entry(d, old != null && old.bootstrap, true));
    trim();
  }

  /** A Node we were sent to (a Pass or an Introduction): kept unless already known. */
  void heardOf(NodeDescriptor d) {
    if (d.nodeAddr().isPresent() && !entries.containsKey(id(d.key()))) {
      entries.put(id(d.key()), new Entry(d, false, false));
      trim();
    }
  }

  /** A connection to {@code ip} could not be made: a contact there is tried later than others. */
  void failed(InetAddress ip) {
    for (Entry e : entries.values()) {
      if (e.descriptor.nodeAddr().get().ip().equals(ip)) {
        e.failures++;
      }
    }
  }

  /** How many contacts are eligible and have never failed since last heard from. */
  int countUntried(Predicate<NodeDescriptor> eligible) {
    return (int)
        entries.values().stream()
            .filter(e -> e.failures == 0 && eligible.test(e.descriptor))
            .count();
  }

  List<NodeDescriptor> all() {
    return entries.values().stream().map(e -> e.descriptor).toList();
  }

  /**
   * Up to {@code count} eligible contacts, those that failed least first (at random among equals),
   * plus, when {@code allBootstrap}, every eligible bootstrap descriptor.
   */
  List<NodeDescriptor> pick(
      int count, boolean allBootstrap, Predicate<NodeDescriptor> eligible, RandomGenerator random) {
    List<Entry> candidates = new ArrayList<>();
    for (Entry e : entries.values()) {
      if (eligible.test(e.descriptor)) {
        candidates.add(e);
      }
    }
    for (int i = candidates.size() - 1; i > 0; i--) {
      Collections.swap(candidates, i, random.nextInt(i + 1));
    }
    candidates.sort(Comparator.comparingInt(e -> e.failures));
    List<NodeDescriptor> out = new ArrayList<>();
    for (Entry e : candidates) {
      if (out.size() < count || (allBootstrap && e.bootstrap)) {
        out.add(e.descriptor);
      }
    }
    return out;
  }

  private void trim() {
    long others = entries.values().stream().filter(e -> !e.bootstrap).count();
    while (others > MAX) {
      // The oldest among the most expendable.
      Entry worst = null;
      for (Entry e : entries.values()) {
        if (!e.bootstrap && (worst == null || e.expendability() > worst.expendability())) {
          worst = e;
        }
      }
      entries.remove(id(worst.descriptor.key()));
      others--;
    }
  }
}
