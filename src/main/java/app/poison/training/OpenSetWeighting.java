package app.poison.training;

import app.poison.inference.OpenSetScore;
import java.util.Arrays;

/**
 * Chooses how the open-set score weighs energy against feature distance: each standardised on the
 * validation photos, the weight that best separates them from photos of no known class (AUROC).
 */
final class OpenSetWeighting {
  private static final int STEPS = 10;

  private OpenSetWeighting() {
  }

  static OpenSetScore fit(OpenSetData known, OpenSetData unknown) {
    double eMean = mean(known.energy());
    double cMean = mean(known.cosine());
    double eStd = Math.max(1e-6, std(known.energy(), eMean));
    double cStd = Math.max(1e-6, std(known.cosine(), cMean));
    OpenSetScore best = null;
    double bestAuroc = -1;
    for (int step = 0; step <= STEPS; step++) {
      OpenSetScore candidate = new OpenSetScore(step / (double) STEPS, eMean, eStd, cMean, cStd, 0);
      double auroc = unknown.energy().length == 0 ? 0.5
          : auroc(known.knownScores(candidate), unknown.knownScores(candidate));
      if (auroc > bestAuroc) {
        bestAuroc = auroc;
        best = candidate;
      }
    }
    return best;
  }

  /** Probability that a random known photo scores above a random unknown one (ties count half). */
  static double auroc(double[] known, double[] unknown) {
    double[] sorted = unknown.clone();
    Arrays.sort(sorted);
    double sum = 0;
    for (double k : known) {
      int below = lowerBound(sorted, k);
      int notAbove = upperBound(sorted, k);
      sum += below + (notAbove - below) / 2.0;
    }
    return sum / ((double) known.length * unknown.length);
  }

  private static int lowerBound(double[] sorted, double value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static int upperBound(double[] sorted, double value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] <= value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  private static double mean(double[] values) {
    return Arrays.stream(values).average().orElse(0);
  }

  private static double std(double[] values, double mean) {
    return Math.sqrt(Arrays.stream(values).map(v -> (v - mean) * (v - mean)).average().orElse(1));
  }
}
