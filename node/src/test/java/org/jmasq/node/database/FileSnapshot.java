package org.jmasq.node.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;

/** The bytes and modification time of a file, to show that an operation left it untouched. */
record FileSnapshot(byte[] bytes, FileTime modified) {
  static FileSnapshot of(Path file) throws IOException {
    return new FileSnapshot(Files.readAllBytes(file), Files.getLastModifiedTime(file));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FileSnapshot s
        && Arrays.equals(bytes, s.bytes)
        && modified.equals(s.modified);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes) * 31 + modified.hashCode();
  }

  @Override
  public String toString() {
    return bytes.length + " bytes, modified " + modified;
  }
}
