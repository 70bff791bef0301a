package app.poison.identify;

import app.poison.Main;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** A worker node in its own JVM, so that a test can kill it with SIGKILL. */
final class WorkerProcess {
  private WorkerProcess() {
  }

  static Process launch(Map<String, String> env) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
        "-cp", System.getProperty("java.class.path"), Main.class.getName()))
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(env);
    return builder.start();
  }
}
