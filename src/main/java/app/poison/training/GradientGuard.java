package app.poison.training;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a non-finite gradient out of the weights: a step whose gradients are not all finite is
 * dropped and logged with the parameters concerned. One such step would make every weight NaN, as
 * DJL zeroes gradients by subtracting them from themselves, which keeps a NaN forever. The NaN
 * steps once seen here came from libtorch computing wrong input gradients for convolutions whose
 * channel count is not a multiple of 16, which training no longer builds (see
 * {@link PlantTrainer#CHANNEL_MULTIPLE}); the guard stays as a last line against a model that
 * answers NaN for every photo.
 */
final class GradientGuard {
  private static final Logger LOG = LoggerFactory.getLogger(GradientGuard.class);

  private GradientGuard() {
  }

  /** Whether every parameter's gradient is finite (one sum per parameter, summed: NaN and ±∞ survive). */
  static boolean finite(Trainer trainer, NDManager scratch) {
    NDArray total = scratch.zeros(new Shape());
    for (Pair<String, Parameter> parameter : trainer.getModel().getBlock().getParameters()) {
      NDArray array = parameter.getValue().getArray();
      if (array.hasGradient()) {
        NDArray gradient = array.getGradient();
        gradient.attach(scratch);
        total = total.add(gradient.sum());
      }
    }
    if (Float.isFinite(total.getFloat())) {
      return true;
    }
    LOG.warn("Gradients not finite: {}", nonFinite(trainer));
    return false;
  }

  /** Each parameter whose gradient is not finite, with how many of its elements are not. */
  private static String nonFinite(Trainer trainer) {
    StringBuilder found = new StringBuilder();
    for (Pair<String, Parameter> parameter : trainer.getModel().getBlock().getParameters()) {
      NDArray array = parameter.getValue().getArray();
      if (array.hasGradient()) {
        float[] gradient;
        try (NDArray values = array.getGradient()) {
          gradient = values.toFloatArray();
        }
        long bad = IntStream.range(0, gradient.length).filter(i -> !Float.isFinite(gradient[i])).count();
        if (bad > 0) {
          found.append(parameter.getKey()).append(' ').append(bad).append('/').append(gradient.length).append("; ");
        }
      }
    }
    return found.toString();
  }

  /** Zeroes every gradient by assignment (0 × NaN and NaN − NaN are NaN). */
  static void discard(Trainer trainer) {
    for (Pair<String, Parameter> parameter : trainer.getModel().getBlock().getParameters()) {
      NDArray array = parameter.getValue().getArray();
      if (array.hasGradient()) {
        JniUtils.zeroGrad((PtNDArray) array);
      }
    }
  }
}
