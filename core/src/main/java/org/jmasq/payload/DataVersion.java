package org.jmasq.payload;

/** A payload type's version. Same major: readable (extra fields of a newer minor are skipped). */
record DataVersion(int major, int minor) {
  /** Every payload type is at 0.1, as in the reference. */
  static final DataVersion CURRENT = new DataVersion(0, 1);

  DataVersion {
    if (major < 0 || major > 0xffff || minor < 0 || minor > 0xffff) {
      throw new IllegalArgumentException("version " + major + "." + minor + " (expected: u16.u16)");
    }
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
