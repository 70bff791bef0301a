package app.poison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code scripts/test.sh --dry-run} on a PATH of stub commands standing for a machine: what it
 * would install and start, without touching this machine's packages or services.
 */
class TestScriptTest {
  /** Real tools the script itself uses; everything it looks for comes from the stubs. */
  private static final List<String> TOOLS = List.of("bash", "dirname", "sed", "grep", "seq", "sleep");
  /** Stubs of a machine where everything is installed and running. */
  private static final Map<String, String> COMPLETE = Map.ofEntries(
      Map.entry("javac", "echo 'javac 17.0.15'"),
      Map.entry("curl", ""),
      Map.entry("redis-server", ""),
      Map.entry("redis-cli", "echo PONG"),
      Map.entry("rabbitmq-server", ""),
      Map.entry("rabbitmq-diagnostics", "exit 0"),
      Map.entry("chromium", ""),
      Map.entry("chromedriver", ""),
      // Many fonts, the Korean one first: a reader that stops there must not fail the listing (SIGPIPE).
      Map.entry("fc-list", "echo '/usr/share/fonts/truetype/nanum/NanumGothic.ttf: NanumGothic:style=Regular'\n"
          + "for i in $(seq 1 20000); do echo \"/usr/share/fonts/truetype/other/Font$i.ttf: Font $i\"; done"),
      Map.entry("npm", ""),
      Map.entry("wrk", ""));

  @TempDir
  Path bin;

  @Test
  void onAMachineWithEverythingItOnlyRunsTheSuite() throws Exception {
    assertEquals(List.of("would run: ./mvnw -B verify -Dtest=X"), dryRun(COMPLETE, "-Dtest=X"));
  }

  @Test
  void onAFreshMachineItInstallsWhatIsMissingAndStartsWhatIsStopped() throws Exception {
    Map<String, String> fresh = new HashMap<>(COMPLETE);
    List.of("chromium", "chromedriver", "wrk").forEach(fresh::remove);
    fresh.put("fc-list", "echo '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf: DejaVu Sans'");
    fresh.put("javac", "echo 'javac 11.0.2'");
    fresh.put("redis-cli", "echo 'Could not connect to Redis'; exit 1");
    fresh.put("rabbitmq-diagnostics", "exit 69");
    fresh.put("id", "echo 1000"); // not root: through sudo

    List<String> lines = dryRun(fresh);
    assertPlans(lines, "apt-get install -y .* openjdk-17-jdk-headless chromium chromium-driver fonts-nanum wrk");
    assertPlans(lines, "redis-server --daemonize yes .*");
    assertPlans(lines, "rabbitmq-server -detached");
    assertEquals("would run: ./mvnw -B verify", lines.get(lines.size() - 1), String.join("\n", lines));
  }

  /** Some line of the plan says it would run a command matching {@code regex} through sudo. */
  private static void assertPlans(List<String> lines, String regex) {
    assertTrue(lines.stream().anyMatch(line -> line.matches("would run: sudo " + regex)),
        "no '" + regex + "' in:\n" + String.join("\n", lines));
  }

  /** The script's output, stdout and stderr, with only {@code stubs} (name → shell body) on its PATH. */
  private List<String> dryRun(Map<String, String> stubs, String... mavenArgs) throws Exception {
    for (String tool : TOOLS) {
      Files.createSymbolicLink(bin.resolve(tool), Path.of(which(tool)));
    }
    for (Map.Entry<String, String> stub : stubs.entrySet()) {
      Path file = bin.resolve(stub.getKey());
      Files.writeString(file, "#!" + which("bash") + "\n" + stub.getValue() + "\n");
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    List<String> command = new ArrayList<>(List.of(which("bash"), "scripts/test.sh", "--dry-run"));
    command.addAll(List.of(mavenArgs));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("PATH", bin.toString());
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    return output.lines().toList();
  }

  private static String which(String tool) throws IOException {
    for (String dir : System.getenv("PATH").split(":")) {
      Path candidate = Path.of(dir, tool);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new IOException(tool + " not on PATH");
  }
}
