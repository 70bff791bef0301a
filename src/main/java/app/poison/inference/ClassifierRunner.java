package app.poison.inference;

import ai.djl.inference.Predictor;
import ai.djl.translate.TranslateException;
import java.util.List;

/** One inference thread's handle on the model (one DJL Predictor; not thread-safe). */
public final class ClassifierRunner implements AutoCloseable {
  private final Predictor<List<float[]>, float[][]> predictor;

  ClassifierRunner(Predictor<List<float[]>, float[][]> predictor) {
    this.predictor = predictor;
  }

  /** Raw logits, one row per input (inputs from {@link ImagePreprocessor#toInput}). */
  public float[][] logits(List<float[]> inputs) {
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
