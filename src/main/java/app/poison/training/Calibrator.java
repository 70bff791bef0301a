package app.poison.training;

import app.poison.inference.Calibration;
import app.poison.inference.ModelSpec;
import app.poison.inference.OpenSetScore;
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
  static final double OPEN_SET_PRECISION = 0.985;
  /** Outlier photos of plants the model does not know that may still come out confident. */
  static final double OUTLIER_CONFIDENT = 0.04;
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
    Evaluation.Scored scored = Evaluation.withoutKnownScore(valLogits, temperature);
    return calibrated.withCalibration(temperature, confident, warningThreshold(calibrated, scored, valLabels, plants));
  }

  /**
   * Calibration of a model with an open-set score: the temperature (minimum NLL on validation),
   * the score's weighting (best separation of validation photos from outlier photos of other
   * plants), then the pair of thresholds, top probability and known score, that answers the most
   * validation photos {@code confident} while their top-1 stays at {@link #OPEN_SET_PRECISION}, at
   * most {@link #OUTLIER_CONFIDENT} of the outlier photos and no generated non-plant come out
   * confident; then the warning threshold.
   */
  public static ModelSpec fitOpenSet(ModelSpec spec, OpenSetData val, int[] valLabels, OpenSetData outliers,
                                     OpenSetData nonPlants, Map<String, JsonObject> plants) {
    double temperature = Calibration.fitTemperature(val.logits(), valLabels);
    OpenSetScore unthresholded = OpenSetWeighting.fit(val, OpenSetData.concat(outliers, nonPlants));
    Evaluation.Scored v = val.scored(temperature, unthresholded);
    Evaluation.Scored o = outliers.scored(temperature, unthresholded);
    Evaluation.Scored n = nonPlants.scored(temperature, unthresholded);
    double[] best = {0.99, Double.MAX_VALUE, -1};
    double[] sortedVal = v.knownScores().clone();
    Arrays.sort(sortedVal);
    for (int step = 30; step < 100; step++) {
      double tp = step / 100.0;
      for (int q = 0; q <= 120; q++) {
        double ts = sortedVal[Math.min(sortedVal.length - 1, q * sortedVal.length / 200)];
        double share = confidentShare(v, valLabels, tp, ts);
        if (share > best[2] && confidentRate(o, tp, ts) <= OUTLIER_CONFIDENT && confidentRate(n, tp, ts) == 0) {
          best = new double[] {tp, ts, share};
        }
      }
    }
    ModelSpec calibrated = spec.withCalibration(temperature, best[0], spec.warningThreshold())
        .withOpenSet(unthresholded.withThreshold(best[1]));
    // the known scores do not depend on the threshold: v is how the calibrated model scores validation
    return calibrated.withCalibration(temperature, best[0], warningThreshold(calibrated, v, valLabels, plants));
  }

  /** Share answered confident among all, or -1 when top-1 among the confident is below the target. */
  private static double confidentShare(Evaluation.Scored scored, int[] labels, double tp, double ts) {
    int confident = 0;
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      double[] p = scored.probabilities()[i];
      int top = Calibration.argmax(p);
      if (p[top] >= tp && scored.knownScores()[i] >= ts) {
        confident++;
        correct += top == labels[i] ? 1 : 0;
      }
    }
    return confident > 0 && correct >= OPEN_SET_PRECISION * confident ? confident / (double) labels.length : -1;
  }

  private static double confidentRate(Evaluation.Scored scored, double tp, double ts) {
    int confident = 0;
    for (int i = 0; i < scored.size(); i++) {
      double[] p = scored.probabilities()[i];
      confident += p[Calibration.argmax(p)] >= tp && scored.knownScores()[i] >= ts ? 1 : 0;
    }
    return scored.size() == 0 ? 0 : confident / (double) scored.size();
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

  private static double warningThreshold(ModelSpec spec, Evaluation.Scored p, int[] labels, Map<String, JsonObject> plants) {
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
