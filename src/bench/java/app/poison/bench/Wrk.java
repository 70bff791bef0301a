package app.poison.bench;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs {@code wrk} (2 threads, 64 connections, latency percentiles) and logs its report with the load average. */
final class Wrk {
  private static final Logger LOG = LoggerFactory.getLogger(Wrk.class);

  private Wrk() {
  }

  /** {@code script}: a Lua script choosing the requests, or {@code null} to GET {@code url} only. */
  static void run(String label, String url, String duration, Path script) throws Exception {
    List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c64", "-d" + duration, "--latency"));
    if (script != null) {
      command.addAll(List.of("-s", script.toString()));
    }
    command.add(url);
    Process wrk = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(wrk.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    LOG.info("wrk, {}, load average {}, exit {}:\n{}", label,
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), wrk.waitFor(), output);
  }
}
