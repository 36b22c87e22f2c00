package org.jmasq.node.ui;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4), for tests: it throws on
 * anything a Prometheus server would refuse, or that the format does not allow (a sample before its
 * family's TYPE, a family split in two, a series twice, a bad name, label or value, a missing final
 * newline), and gives each sample's value by its series ({@code name{a="x",b="y"}}, labels sorted).
 * The Prometheus Java client has no parser of this format, so the tests bring their own (the
 * end-to-end tests too, through this module's test jar).
 */
public final class PrometheusText {
  private static final String NAME = "[a-zA-Z_:][a-zA-Z0-9_:]*";
  private static final Pattern HELP =
      Pattern.compile("# HELP (" + NAME + ") ((?:[^\\\\\\n]|\\\\[\\\\n])*)");
  private static final Pattern TYPE =
      Pattern.compile("# TYPE (" + NAME + ") (counter|gauge|histogram|summary|untyped)");
  private static final Pattern SAMPLE =
      Pattern.compile("(" + NAME + ")(\\{[^\\n]*\\})? (\\S+)(?: (-?[0-9]+))?");
  private static final Pattern LABEL =
      Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\\\n]|\\\\[\\\\\"n])*)\"");
  private static final Pattern FLOAT =
      Pattern.compile("[+-]?(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|NaN|[+-]Inf");

  /** Each family's type, by its name. */
  public final Map<String, String> types = new LinkedHashMap<>();

  /** Each sample's value, by its series. */
  public final Map<String, Double> samples = new LinkedHashMap<>();

  private PrometheusText() {}

  public static PrometheusText parse(String text) {
    if (!text.isEmpty() && !text.endsWith("\n")) {
      throw new IllegalArgumentException("the last line has no newline");
    }
    PrometheusText out = new PrometheusText();
    Set<String> helped = new HashSet<>();
    Set<String> closed = new HashSet<>();
    Map<String, String> sampleFamily = new HashMap<>();
    String current = null;
    int number = 0;
    for (String line : text.split("\n", -1)) {
      number++;
      if (line.isEmpty()) {
        continue;
      }
      String where = "line " + number + " (" + line + "): ";
      Matcher m;
      if ((m = HELP.matcher(line)).matches()) {
        if (!helped.add(m.group(1))) {
          throw new IllegalArgumentException(where + "a second HELP");
        }
      } else if ((m = TYPE.matcher(line)).matches()) {
        String family = m.group(1);
        if (out.types.containsKey(family) || sampleFamily.containsKey(family)) {
          throw new IllegalArgumentException(where + "TYPE after the family was seen");
        }
        out.types.put(family, m.group(2));
      } else if (line.startsWith("#")) {
        if (line.startsWith("# HELP") || line.startsWith("# TYPE")) {
          throw new IllegalArgumentException(where + "malformed HELP or TYPE");
        }
      } else if ((m = SAMPLE.matcher(line)).matches()) {
        String name = m.group(1);
        String family = familyOf(name, out.types);
        if (!family.equals(current)) {
          if (closed.contains(family)) {
            throw new IllegalArgumentException(where + "family " + family + " split in two");
          }
          if (current != null) {
            closed.add(current);
          }
          current = family;
        }
        sampleFamily.put(name, family);
        if (!FLOAT.matcher(m.group(3)).matches()) {
          throw new IllegalArgumentException(where + "not a float: " + m.group(3));
        }
        String series = name + labels(m.group(2), where);
        Double value = Double.valueOf(m.group(3).replace("Inf", "Infinity"));
        if (out.samples.put(series, value) != null) {
          throw new IllegalArgumentException(where + "series twice: " + series);
        }
      } else {
        throw new IllegalArgumentException(where + "neither a comment nor a sample");
      }
    }
    return out;
  }

  /** The family a sample belongs to: its own name, or a histogram's or summary's base name. */
  private static String familyOf(String name, Map<String, String> types) {
    for (String suffix : new String[] {"_bucket", "_sum", "_count"}) {
      if (name.endsWith(suffix)) {
        String base = name.substring(0, name.length() - suffix.length());
        String type = types.get(base);
        if ("histogram".equals(type) || "summary".equals(type) && !suffix.equals("_bucket")) {
          return base;
        }
      }
    }
    return name;
  }

  /** {@code {a="x",b="y"}}, sorted; empty for none. */
  private static String labels(String braces, String where) {
    if (braces == null || braces.equals("{}")) {
      return "";
    }
    String inside = braces.substring(1, braces.length() - 1);
    if (inside.endsWith(",")) {
      inside = inside.substring(0, inside.length() - 1);
    }
    Map<String, String> labels = new TreeMap<>();
    Matcher m = LABEL.matcher(inside);
    int at = 0;
    while (at < inside.length()) {
      if (!m.find(at) || m.start() != at) {
        throw new IllegalArgumentException(where + "bad label at " + inside.substring(at));
      }
      if (labels.put(m.group(1), m.group(2)) != null) {
        throw new IllegalArgumentException(where + "label twice: " + m.group(1));
      }
      at = m.end();
      if (at < inside.length()) {
        if (inside.charAt(at) != ',') {
          throw new IllegalArgumentException(where + "labels not separated by commas");
        }
        at++;
      }
    }
    StringBuilder out = new StringBuilder("{");
    labels.forEach(
        (k, v) ->
            out.append(out.length() > 1 ? "," : "").append(k).append("=\"").append(v).append('"'));
    return out.append('}').toString();
  }

  /** The value of {@code series}; throws when there is no such sample. */
  public double value(String series) {
    Double v = samples.get(series);
    if (v == null) {
      throw new IllegalArgumentException("no sample " + series + " in " + samples.keySet());
    }
    return v;
  }
}
