package app.poison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.bench.IdentifyClient;
import app.poison.training.TestModels;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The real process: exit codes for bad configuration and for SIGTERM. */
@Tag("process")
class ServiceProcessTest {

  @Test
  void badConfigurationStopsWithExitCodeTwoNamingTheKey() throws Exception {
    Process process = launch(Map.of("POISON_HTTP_PORT", "not-a-port"), ProcessBuilder.Redirect.PIPE);
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, process.exitValue(), output);
    assertTrue(output.contains("POISON_HTTP_PORT"), output);
  }

  @Test
  void sigtermDrainsAndExitsZero() throws Exception {
    int port = TestServices.freePort();
    // Its output is not read: discarded, so that a full pipe can never block it.
    Process process = launch(Map.of("POISON_HTTP_PORT", String.valueOf(port), "POISON_MODEL_DIR", TestModels.tiny().toString()),
        ProcessBuilder.Redirect.DISCARD);
    try {
      new IdentifyClient("http://127.0.0.1:" + port).awaitReady(Duration.ofMinutes(2)); // a JVM start on a busy machine
      process.destroy(); // SIGTERM
      assertTrue(process.waitFor(15, TimeUnit.SECONDS), "exits within 15 s of SIGTERM");
      assertEquals(0, process.exitValue());
    } finally {
      process.destroyForcibly();
    }
  }

  private static Process launch(Map<String, String> env, ProcessBuilder.Redirect output) throws IOException {
    return TestProcesses.java(List.of(Main.class.getName()), TestServices.nodeEnv(env), output);
  }
}
