package app.poison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.training.TestModels;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
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
    Process process = launch(Map.of("POISON_HTTP_PORT", "not-a-port"), TestServices.tempDir());
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, process.exitValue(), output);
    assertTrue(output.contains("POISON_HTTP_PORT"), output);
  }

  @Test
  void sigtermDrainsAndExitsZero() throws Exception {
    int port = TestServices.freePort();
    Path dataDir = TestServices.tempDir();
    Process process = launch(Map.of("POISON_HTTP_PORT", String.valueOf(port), "POISON_HTTP_HOST", "127.0.0.1",
        "POISON_MODEL_DIR", TestModels.tiny().toString()), dataDir);
    try {
      awaitReady(port, Duration.ofSeconds(60));
      process.destroy(); // SIGTERM
      assertTrue(process.waitFor(15, TimeUnit.SECONDS), "exits within 15 s of SIGTERM");
      assertEquals(0, process.exitValue());
    } finally {
      process.destroyForcibly();
    }
  }

  static Process launch(Map<String, String> env, Path dataDir) throws IOException {
    Map<String, String> withDataDir = new HashMap<>(env);
    withDataDir.putIfAbsent("POISON_DATA_DIR", dataDir.toString());
    return TestProcesses.java(List.of(Main.class.getName()), withDataDir, ProcessBuilder.Redirect.PIPE);
  }

  static void awaitReady(int port, Duration timeout) throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        HttpResponse<String> response = client.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready")).build(),
            HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(200);
    }
    throw new AssertionError("not ready within " + timeout);
  }
}
