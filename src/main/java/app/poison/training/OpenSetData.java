package app.poison.training;

import app.poison.inference.Calibration;
import app.poison.inference.FeatureHead;
import app.poison.inference.OpenSetScore;
import java.util.Arrays;

/** Photos seen through a {@link FeatureHead}: their logits, energy and cosine to the nearest class mean. */
public record OpenSetData(float[][] logits, double[] energy, double[] cosine) {

  static OpenSetData of(FeatureHead head, float[][] features) {
    float[][] logits = new float[features.length][];
    double[] energy = new double[features.length];
    double[] cosine = new double[features.length];
    for (int i = 0; i < features.length; i++) {
      logits[i] = head.logits(features[i]);
      energy[i] = OpenSetScore.energy(logits[i]);
      cosine[i] = head.maxCosine(features[i]);
    }
    return new OpenSetData(logits, energy, cosine);
  }

  static OpenSetData concat(OpenSetData a, OpenSetData b) {
    float[][] logits = Arrays.copyOf(a.logits, a.logits.length + b.logits.length);
    System.arraycopy(b.logits, 0, logits, a.logits.length, b.logits.length);
    return new OpenSetData(logits, concat(a.energy, b.energy), concat(a.cosine, b.cosine));
  }

  double[] knownScores(OpenSetScore score) {
    double[] known = new double[energy.length];
    for (int i = 0; i < known.length; i++) {
      known[i] = score.score(energy[i], cosine[i]);
    }
    return known;
  }

  Evaluation.Scored scored(double temperature, OpenSetScore score) {
    double[][] p = new double[logits.length][];
    for (int i = 0; i < p.length; i++) {
      p[i] = Calibration.probabilities(logits[i], temperature);
    }
    return new Evaluation.Scored(p, knownScores(score));
  }

  private static double[] concat(double[] a, double[] b) {
    double[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
