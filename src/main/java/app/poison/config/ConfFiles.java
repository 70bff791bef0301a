package app.poison.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files under {@code conf/}: the copy next to the working directory (an operator's edit), else the
 * one packaged in the jar, so that the jar also runs from any directory.
 */
public final class ConfFiles {
  private ConfFiles() {
  }

  public static String read(String relativePath) throws IOException {
    Path file = Path.of(relativePath);
    if (Files.isRegularFile(file)) {
      return Files.readString(file, StandardCharsets.UTF_8);
    }
    try (InputStream in = ConfFiles.class.getClassLoader().getResourceAsStream(relativePath)) {
      if (in == null) {
        throw new IOException(relativePath + " not found");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
