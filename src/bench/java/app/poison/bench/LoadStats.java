package app.poison.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Figures the benchmarks report: percentiles, rounding, a process's resident memory. */
final class LoadStats {
  private LoadStats() {
  }

  /** Nearest-rank percentile; NaN when there is nothing to rank. */
  static double percentile(List<Double> values, double p) {
    if (values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return round(sorted.get(Math.max(0, Math.min(sorted.size() - 1, (int) Math.ceil(p / 100 * sorted.size()) - 1))));
  }

  static double round(double value) {
    return Math.round(value * 10) / 10.0;
  }

  /** VmRSS of a process in MB ({@code "self"} for this one), or -1 when it is gone. */
  static long rssMb(String pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", pid, "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
    } catch (IOException gone) {
      // the process ended between listing and reading
    }
    return -1;
  }
}
