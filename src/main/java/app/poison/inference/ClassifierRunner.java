package app.poison.inference;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.List;

/** One inference thread's handle on the model (one DJL Predictor; not thread-safe). */
public final class ClassifierRunner implements AutoCloseable {
  private final Predictor<List<float[]>, float[][]> predictor;
  private final FeatureHead head;
  private final OpenSetScore openSet;

  ClassifierRunner(Predictor<List<float[]>, float[][]> predictor, FeatureHead head, OpenSetScore openSet) {
    this.predictor = predictor;
    this.head = head;
    this.openSet = openSet;
  }

  /** Logits and known score per input (inputs from {@link ImagePreprocessor#toInput}). */
  public PhotoScores[] run(List<float[]> inputs) {
    float[][] outputs = forward(inputs);
    PhotoScores[] scores = new PhotoScores[outputs.length];
    for (int i = 0; i < outputs.length; i++) {
      scores[i] = head == null ? new PhotoScores(outputs[i], Double.NaN) : head.scores(outputs[i], openSet);
    }
    return scores;
  }

  /** Raw logits, one row per input. */
  public float[][] logits(List<float[]> inputs) {
    PhotoScores[] scores = run(inputs);
    float[][] logits = new float[scores.length][];
    for (int i = 0; i < scores.length; i++) {
      logits[i] = scores[i].logits();
    }
    return logits;
  }

  /** The network's own output: logits, or the pooled features a {@link FeatureHead} reads. */
  public float[][] forward(List<float[]> inputs) {
    if (inputs.isEmpty()) {
      return new float[0][];
    }
    try {
      return predictor.predict(inputs);
    } catch (TranslateException e) {
      throw new IllegalStateException("inference failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    predictor.close();
  }
}
