package org.jmasq.accountant;

/** Splits the reference's pipe-separated settings ({@code 600|600|600}) into checked numbers. */
final class PipeSeparated {
  private PipeSeparated() {}

  static long[] parse(String setting, String text, int count, String order) {
    if (text == null) {
      throw new IllegalArgumentException(setting + ": null (expected: " + order + ")");
    }
    String[] parts = text.trim().split("\\|", -1);
    if (parts.length != count) {
      throw new IllegalArgumentException(
          setting
              + " '"
              + text
              + "' has "
              + parts.length
              + " values (expected: "
              + count
              + ", "
              + order
              + ")");
    }
    long[] values = new long[count];
    for (int i = 0; i < count; i++) {
      String part = parts[i].trim();
      if (!part.matches("[0-9]{1,18}")) {
        throw new IllegalArgumentException(
            setting
                + " '"
                + text
                + "': value "
                + (i + 1)
                + " '"
                + part
                + "' is not a non-negative whole number (expected: "
                + order
                + ")");
      }
      values[i] = Long.parseLong(part);
    }
    return values;
  }
}
