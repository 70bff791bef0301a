package app.poison.inference;

import java.util.List;

/** Turning logits into calibrated probabilities, and fitting the temperature that does it. */
public final class Calibration {
  private Calibration() {
  }

  /** Softmax of {@code logits / temperature}. */
  public static double[] probabilities(float[] logits, double temperature) {
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l / temperature);
    }
    double[] p = new double[logits.length];
    double sum = 0;
    for (int i = 0; i < logits.length; i++) {
      p[i] = Math.exp(logits[i] / temperature - max);
      sum += p[i];
    }
    for (int i = 0; i < p.length; i++) {
      p[i] /= sum;
    }
    return p;
  }

  /** Several photos of one plant: the mean of their probabilities (still sums to 1). */
  public static double[] combine(List<double[]> photos) {
    if (photos.isEmpty()) {
      throw new IllegalArgumentException("no photos to combine");
    }
    double[] mean = new double[photos.get(0).length];
    for (double[] p : photos) {
      for (int i = 0; i < mean.length; i++) {
        mean[i] += p[i] / photos.size();
      }
    }
    return mean;
  }

  /** The temperature minimising the negative log-likelihood of {@code labels} (golden-section search on log T). */
  public static double fitTemperature(float[][] logits, int[] labels) {
    double lo = Math.log(0.05);
    double hi = Math.log(20);
    double phi = (Math.sqrt(5) - 1) / 2;
    for (int i = 0; i < 80; i++) {
      double a = hi - phi * (hi - lo);
      double b = lo + phi * (hi - lo);
      if (nll(logits, labels, Math.exp(a)) < nll(logits, labels, Math.exp(b))) {
        hi = b;
      } else {
        lo = a;
      }
    }
    return Math.exp((lo + hi) / 2);
  }

  static double nll(float[][] logits, int[] labels, double temperature) {
    double total = 0;
    for (int i = 0; i < logits.length; i++) {
      total -= Math.log(Math.max(1e-12, probabilities(logits[i], temperature)[labels[i]]));
    }
    return total / logits.length;
  }

  /** Expected calibration error of the top-1 confidence over {@code bins} equal-width bins. */
  public static double expectedCalibrationError(double[][] probabilities, int[] labels, int bins) {
    double[] confidence = new double[bins];
    double[] correct = new double[bins];
    int[] count = new int[bins];
    for (int i = 0; i < probabilities.length; i++) {
      int best = argmax(probabilities[i]);
      double p = probabilities[i][best];
      int bin = Math.min(bins - 1, (int) (p * bins));
      confidence[bin] += p;
      correct[bin] += best == labels[i] ? 1 : 0;
      count[bin]++;
    }
    double ece = 0;
    for (int b = 0; b < bins; b++) {
      if (count[b] > 0) {
        ece += Math.abs(correct[b] - confidence[b]) / probabilities.length;
      }
    }
    return ece;
  }

  public static int argmax(double[] values) {
    int best = 0;
    for (int i = 1; i < values.length; i++) {
      if (values[i] > values[best]) {
        best = i;
      }
    }
    return best;
  }
}
