package app.poison.training;

import app.poison.inference.Calibration;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {
  @Test
  void softmaxAtATemperature() {
    double[] p = Calibration.probabilities(new float[] {2, 1, 0}, 1);
    assertEquals(1, p[0] + p[1] + p[2], 1e-9);
    assertEquals(Math.exp(2) / (Math.exp(2) + Math.exp(1) + 1), p[0], 1e-9);
    double[] flatter = Calibration.probabilities(new float[] {2, 1, 0}, 4);
    assertTrue(flatter[0] < p[0] && flatter[2] > p[2]);
  }

  @Test
  void combinesPhotosByAveraging() {
    double[] combined = Calibration.combine(List.of(new double[] {0.8, 0.2}, new double[] {0.4, 0.6}));
    assertArrayEquals(new double[] {0.6, 0.4}, combined, 1e-9);
  }

  @Test
  void fitsTheTemperatureThatGeneratedTheLabels() {
    // labels drawn from softmax(z / 2.5): the fitted temperature must come back near 2.5
    Random random = new Random(1);
    int n = 4000;
    float[][] logits = new float[n][5];
    int[] labels = new int[n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < 5; k++) {
        logits[i][k] = (float) (random.nextGaussian() * 4);
      }
      labels[i] = sample(Calibration.probabilities(logits[i], 2.5), random);
    }
    double fitted = Calibration.fitTemperature(logits, labels);
    assertEquals(2.5, fitted, 0.25);
    double[][] calibrated = Evaluation.probabilities(logits, fitted);
    double[][] overconfident = Evaluation.probabilities(logits, 0.5);
    double ece = Calibration.expectedCalibrationError(calibrated, labels, 15);
    assertTrue(ece < 0.03, "ece " + ece);
    assertTrue(Calibration.expectedCalibrationError(overconfident, labels, 15) > 3 * ece);
  }

  private static int sample(double[] p, Random random) {
    double u = random.nextDouble();
    for (int k = 0; k < p.length; k++) {
      u -= p[k];
      if (u <= 0) {
        return k;
      }
    }
    return p.length - 1;
  }
}
