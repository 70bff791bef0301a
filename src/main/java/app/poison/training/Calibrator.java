package app.poison.training;

import app.poison.inference.*;
import io.vertx.core.json.JsonObject;
import java.util.Arrays;
import java.util.Map;

/**
 * Fits a model's calibration on the validation split: the temperature (minimum NLL), then the
 * confident threshold (the lowest at which validation top-1 among confident answers reaches
 * {@link #CONFIDENT_PRECISION}, raised above nearly all generated non-plant images), then the warning
 * threshold (the highest that still warns on {@link #WARNING_RECALL} of the poisonous validation photos).
 */
public final class Calibrator {
  static final double CONFIDENT_PRECISION = 0.95;
  static final double NON_PLANT_QUANTILE = 0.95;
  static final double WARNING_RECALL = 0.99;
  /** Seeds of the generated non-plant images used here; training and eval use other ranges. */
  static final long NON_PLANT_SEED = 5_000_000L;
  static final int NON_PLANT_IMAGES = 200;

  private Calibrator() {
  }

  public static ModelSpec fit(ModelSpec spec, float[][] valLogits, int[] valLabels, float[][] nonPlantLogits,
                              Map<String, JsonObject> plants) {
    double temperature = Calibration.fitTemperature(valLogits, valLabels);
    double[][] val = Evaluation.probabilities(valLogits, temperature);
    double confident = Math.max(confidentForPrecision(val, valLabels),
        quantile(maxProbabilities(Evaluation.probabilities(nonPlantLogits, temperature)), NON_PLANT_QUANTILE));
    confident = Math.min(0.99, Evaluation.round(confident + 0.005));
    ModelSpec calibrated = spec.withCalibration(temperature, confident, spec.warningThreshold());
    return calibrated.withCalibration(temperature, confident, warningThreshold(calibrated, val, valLabels, plants));
  }

  private static double confidentForPrecision(double[][] p, int[] labels) {
    for (int step = 20; step < 100; step++) {
      double t = step / 100.0;
      int confident = 0;
      int correct = 0;
      for (int i = 0; i < p.length; i++) {
        int best = Calibration.argmax(p[i]);
        if (p[i][best] >= t) {
          confident++;
          correct += best == labels[i] ? 1 : 0;
        }
      }
      if (confident > 0 && correct >= CONFIDENT_PRECISION * confident) {
        return t;
      }
    }
    return 0.99;
  }

  private static double warningThreshold(ModelSpec spec, double[][] p, int[] labels, Map<String, JsonObject> plants) {
    for (int step = 30; step >= 1; step--) {
      double t = step / 100.0;
      ModelSpec candidate = spec.withCalibration(spec.temperature(), spec.confidentThreshold(), t);
      if (Evaluation.metrics(candidate, p, labels, plants).getDouble("poison_warning_recall") >= WARNING_RECALL) {
        return t;
      }
    }
    return 0.01;
  }

  private static double[] maxProbabilities(double[][] p) {
    return Arrays.stream(p).mapToDouble(row -> row[Calibration.argmax(row)]).toArray();
  }

  static double quantile(double[] values, double q) {
    if (values.length == 0) {
      return 0;
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }
}
