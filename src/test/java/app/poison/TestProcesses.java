package app.poison;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts a class of this project in its own JVM (a node a test can SIGTERM or SIGKILL). */
public final class TestProcesses {
  private TestProcesses() {
  }

  /** {@code mainAndArgs}: the main class name, then its arguments; stdout and stderr go to {@code output}. */
  public static Process java(List<String> mainAndArgs, Map<String, String> env, ProcessBuilder.Redirect output)
      throws IOException {
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx512m",
        "-cp", System.getProperty("java.class.path")));
    command.addAll(mainAndArgs);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output);
    builder.environment().putAll(env);
    return builder.start();
  }
}
