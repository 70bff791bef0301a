package app.poison.training;

import app.poison.inference.*;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.Trainer;
import ai.djl.util.Pair;

/**
 * Keeps a non-finite gradient out of the weights. libtorch 2.7.1's CPU backward here now and then
 * (a few trainings in a hundred, not reproducible with the same seed) returns NaN gradients for
 * some channels of the first blocks although loss and activations are finite. One such step made
 * every weight NaN, and DJL zeroes gradients by subtracting them from themselves, which keeps a
 * NaN forever: the whole run trained a model that answered NaN for every photo.
 */
final class GradientGuard {
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
    return Float.isFinite(total.getFloat());
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
