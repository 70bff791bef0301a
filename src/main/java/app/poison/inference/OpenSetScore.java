package app.poison.inference;

import io.vertx.core.json.JsonObject;

/**
 * How much a photo looks like one of the model's plants at all ("known score"): a weighted sum of
 * two standardised signals that the top softmax probability alone misses, the logits' energy
 * ({@code logsumexp}) and the cosine of the photo's features to the nearest class mean. Fitted and
 * thresholded by {@code train} on held-out outlier photos; below {@link #threshold()} the answer is
 * {@code uncertain}, however high the top probability.
 */
public record OpenSetScore(double energyWeight, double energyMean, double energyStd, double cosineMean,
                           double cosineStd, double threshold) {

  public double score(double energy, double cosine) {
    return energyWeight * (energy - energyMean) / energyStd + (1 - energyWeight) * (cosine - cosineMean) / cosineStd;
  }

  public boolean known(double score) {
    return score >= threshold;
  }

  public OpenSetScore withThreshold(double value) {
    return new OpenSetScore(energyWeight, energyMean, energyStd, cosineMean, cosineStd, value);
  }

  /** {@code logsumexp} of raw logits: high where the model recognises something. */
  public static double energy(float[] logits) {
    double max = Double.NEGATIVE_INFINITY;
    for (float l : logits) {
      max = Math.max(max, l);
    }
    double sum = 0;
    for (float l : logits) {
      sum += Math.exp(l - max);
    }
    return max + Math.log(sum);
  }

  public static OpenSetScore fromJson(JsonObject json) {
    return json == null ? null : new OpenSetScore(json.getDouble("energy_weight"), json.getDouble("energy_mean"),
        json.getDouble("energy_std"), json.getDouble("cosine_mean"), json.getDouble("cosine_std"),
        json.getDouble("threshold"));
  }

  public JsonObject toJson() {
    return new JsonObject()
        .put("score", "energy_weight * z(logsumexp(logits)) + (1 - energy_weight) * z(max cosine to class means)")
        .put("energy_weight", energyWeight).put("energy_mean", energyMean).put("energy_std", energyStd)
        .put("cosine_mean", cosineMean).put("cosine_std", cosineStd).put("threshold", threshold);
  }
}
