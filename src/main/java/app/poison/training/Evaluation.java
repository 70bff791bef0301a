package app.poison.training;

import app.poison.inference.Calibration;
import app.poison.inference.ClassifierRunner;
import app.poison.inference.ModelClass;
import app.poison.inference.ModelSpec;
import app.poison.inference.PhotoScores;
import app.poison.inference.PlantModel;
import app.poison.identify.SafetyRules;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Metrics of a model on labelled inputs, through the same safety rules the service applies. A
 * label of -1 marks a plant the model does not know (it should come out uncertain).
 */
public final class Evaluation {
  static final int ECE_BINS = 15;
  /** The served batch size: larger batches only add allocator churn on CPU. */
  private static final int BATCH = 8;

  private Evaluation() {
  }

  /** What the service would decide from: calibrated probabilities and known score per photo. */
  public record Scored(double[][] probabilities, double[] knownScores) {
    public int size() {
      return probabilities.length;
    }
  }

  /** Logits for every input, in batches, through a {@link ClassifierRunner} as served. */
  public static float[][] logits(PlantModel model, List<float[]> inputs) {
    PhotoScores[] scores = run(model, inputs);
    float[][] out = new float[scores.length][];
    for (int i = 0; i < scores.length; i++) {
      out[i] = scores[i].logits();
    }
    return out;
  }

  /** Every input scored as the service scores a photo. */
  public static Scored score(PlantModel model, List<float[]> inputs) {
    PhotoScores[] scores = run(model, inputs);
    double[][] p = new double[scores.length][];
    double[] known = new double[scores.length];
    for (int i = 0; i < scores.length; i++) {
      p[i] = Calibration.probabilities(scores[i].logits(), model.spec().temperature());
      known[i] = scores[i].knownScore();
    }
    return new Scored(p, known);
  }

  /** Probabilities at a temperature, for a model without a known score. */
  static Scored withoutKnownScore(float[][] logits, double temperature) {
    double[] known = new double[logits.length];
    java.util.Arrays.fill(known, Double.NaN);
    return new Scored(probabilities(logits, temperature), known);
  }

  /** The network's own output (logits or features) for every input, in batches. */
  static float[][] forward(ClassifierRunner runner, List<float[]> inputs) {
    float[][] out = new float[inputs.size()][];
    for (int start = 0; start < inputs.size(); start += BATCH) {
      float[][] rows = runner.forward(inputs.subList(start, Math.min(inputs.size(), start + BATCH)));
      System.arraycopy(rows, 0, out, start, rows.length);
    }
    return out;
  }

  private static PhotoScores[] run(PlantModel model, List<float[]> inputs) {
    PhotoScores[] out = new PhotoScores[inputs.size()];
    try (ClassifierRunner runner = model.newRunner()) {
      for (int start = 0; start < inputs.size(); start += BATCH) {
        PhotoScores[] rows = runner.run(inputs.subList(start, Math.min(inputs.size(), start + BATCH)));
        System.arraycopy(rows, 0, out, start, rows.length);
      }
    }
    return out;
  }

  public static double[][] probabilities(float[][] logits, double temperature) {
    double[][] p = new double[logits.length][];
    for (int i = 0; i < logits.length; i++) {
      p[i] = Calibration.probabilities(logits[i], temperature);
    }
    return p;
  }

  /** top-1/3, per-class recall, poison-warning recall, ECE and open-set share, for known and unknown labels. */
  public static JsonObject metrics(ModelSpec spec, Scored scored, int[] labels, Map<String, JsonObject> plants) {
    double[][] probabilities = scored.probabilities();
    List<double[]> knownP = new ArrayList<>();
    List<Double> knownScores = new ArrayList<>();
    List<Integer> known = new ArrayList<>();
    int unknownConfidentNone = 0;
    int top1 = 0;
    int top3 = 0;
    int unknown = 0;
    int unknownUncertain = 0;
    int poisonous = 0;
    int warned = 0;
    int warnedByCandidates = 0;
    int[] classTotal = new int[spec.classCount()];
    int[] classHit = new int[spec.classCount()];
    for (int i = 0; i < labels.length; i++) {
      JsonObject assessment = SafetyRules.assess(probabilities[i], scored.knownScores()[i], spec, plants);
      boolean uncertain = SafetyRules.UNCERTAIN.equals(assessment.getString("match"));
      if (labels[i] < 0) {
        unknown++;
        unknownUncertain += uncertain ? 1 : 0;
        unknownConfidentNone += isConfidentNone(assessment) ? 1 : 0;
        continue;
      }
      knownP.add(probabilities[i]);
      knownScores.add(scored.knownScores()[i]);
      known.add(labels[i]);
      int rank = rank(probabilities[i], labels[i]);
      top1 += rank == 0 ? 1 : 0;
      top3 += rank < 3 ? 1 : 0;
      classTotal[labels[i]]++;
      classHit[labels[i]] += rank == 0 ? 1 : 0;
      if (SafetyRules.isPoisonous(spec.classes().get(labels[i]).catalogId(), plants)) {
        poisonous++;
        JsonObject warning = assessment.getJsonObject("warning");
        boolean raised = !SafetyRules.NONE.equals(warning.getString("level"));
        warned += raised ? 1 : 0;
        warnedByCandidates += raised && !warning.getJsonArray("plant_ids").isEmpty() ? 1 : 0;
      }
    }
    int n = known.size();
    int[] knownLabels = known.stream().mapToInt(Integer::intValue).toArray();
    JsonObject perClass = new JsonObject();
    for (int c = 0; c < spec.classCount(); c++) {
      if (classTotal[c] > 0) {
        perClass.put(spec.classes().get(c).label(), round(classHit[c] / (double) classTotal[c]));
      }
    }
    JsonObject metrics = new JsonObject()
        .put("images", n)
        .put("top1", round(ratio(top1, n)))
        .put("top3", round(ratio(top3, n)))
        .put("per_class_recall", perClass)
        .put("poison_warning_recall", round(ratio(warned, poisonous)))
        .put("poison_warning_recall_by_candidates", round(ratio(warnedByCandidates, poisonous)))
        .put("ece", round(n == 0 ? 0 : Calibration.expectedCalibrationError(knownP.toArray(double[][]::new), knownLabels, ECE_BINS)))
        .mergeIn(selective(spec, knownP, knownScores, knownLabels));
    if (unknown > 0) {
      metrics.put("unknown_plant_images", unknown)
          .put("unknown_plant_uncertain_rate", round(ratio(unknownUncertain, unknown)))
          .put("unknown_plant_confident_none_rate", round(ratio(unknownConfidentNone, unknown)));
    }
    return metrics;
  }

  /**
   * Photos of no known class (unknown plants, non-plants): how many, the share answered
   * {@code uncertain}, and the share answered confident with warning {@code none} (the dangerous one).
   */
  public static JsonObject openSet(ModelSpec spec, Scored scored, Map<String, JsonObject> plants) {
    int uncertain = 0;
    int confidentNone = 0;
    for (int i = 0; i < scored.size(); i++) {
      JsonObject assessment = SafetyRules.assess(scored.probabilities()[i], scored.knownScores()[i], spec, plants);
      uncertain += SafetyRules.UNCERTAIN.equals(assessment.getString("match")) ? 1 : 0;
      confidentNone += isConfidentNone(assessment) ? 1 : 0;
    }
    return new JsonObject().put("images", scored.size())
        .put("uncertain_rate", round(ratio(uncertain, scored.size())))
        .put("confident_none_rate", round(ratio(confidentNone, scored.size())));
  }

  private static boolean isConfidentNone(JsonObject assessment) {
    return SafetyRules.CONFIDENT.equals(assessment.getString("match"))
        && SafetyRules.NONE.equals(assessment.getJsonObject("warning").getString("level"));
  }

  /** Share of images that come out confident, and top-1 among those. */
  private static JsonObject selective(ModelSpec spec, List<double[]> probabilities, List<Double> knownScores, int[] labels) {
    int confident = 0;
    int correct = 0;
    for (int i = 0; i < labels.length; i++) {
      double[] p = probabilities.get(i);
      int best = Calibration.argmax(p);
      if (SafetyRules.isConfident(p[best], knownScores.get(i), spec)) {
        confident++;
        correct += best == labels[i] ? 1 : 0;
      }
    }
    return new JsonObject().put("confident_share", round(ratio(confident, labels.length)))
        .put("confident_top1", round(ratio(correct, confident)));
  }

  public static JsonObject confusionMatrix(ModelSpec spec, double[][] probabilities, int[] labels) {
    int k = spec.classCount();
    int[][] matrix = new int[k][k];
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] >= 0) {
        matrix[labels[i]][Calibration.argmax(probabilities[i])]++;
      }
    }
    JsonArray rows = new JsonArray();
    for (int[] row : matrix) {
      JsonArray r = new JsonArray();
      for (int v : row) {
        r.add(v);
      }
      rows.add(r);
    }
    return new JsonObject()
        .put("labels", new JsonArray(spec.classes().stream().map(ModelClass::label).toList()))
        .put("rows_are", "true class").put("columns_are", "predicted class")
        .put("matrix", rows);
  }

  private static int rank(double[] p, int label) {
    int rank = 0;
    for (double v : p) {
      rank += v > p[label] ? 1 : 0;
    }
    return rank;
  }

  private static double ratio(int a, int b) {
    return b == 0 ? 0 : a / (double) b;
  }

  static double round(double v) {
    return Math.round(v * 10000) / 10000.0;
  }
}
