package app.poison.training;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The input gradient of the 3x3 convolutions training builds is right: float32 (libtorch's oneDNN
 * kernels) against float64 (its reference kernels). With 8 or 24 channels the float32 one is off by
 * about the gradient's own size on this machine, and sometimes NaN.
 */
class ConvolutionGradientTest {
  private static final int BATCH = 10;
  private static final int SIZE = 16;

  @ParameterizedTest
  @ValueSource(ints = {PlantTrainer.CHANNEL_MULTIPLE, 2 * PlantTrainer.CHANNEL_MULTIPLE})
  void inputGradientMatchesTheFloat64Reference(int channels) {
    try (NDManager manager = Engine.getInstance().newBaseManager()) {
      int threadsBefore = JniUtils.getNumThreads();
      JniUtils.setNumThreads(1);
      try {
        assertMatchesReference(manager, channels);
      } finally {
        JniUtils.setNumThreads(threadsBefore);
      }
    }
  }

  private static void assertMatchesReference(NDManager manager, int channels) {
    Random random = new Random(3);
    NDArray input = gaussian(manager, random, new Shape(BATCH, channels, SIZE, SIZE));
    NDArray weight = gaussian(manager, random, new Shape(channels, channels, 3, 3));
    NDArray upstream = gaussian(manager, random, new Shape(BATCH, channels, SIZE, SIZE));
    float[] fast = inputGradient(input, weight, upstream).toFloatArray();
    double[] reference = inputGradient(input.toType(DataType.FLOAT64, true), weight.toType(DataType.FLOAT64, true),
        upstream.toType(DataType.FLOAT64, true)).toDoubleArray();
    assertEquals(reference.length, fast.length);
    double worst = 0;
    for (int i = 0; i < fast.length; i++) {
      worst = Math.max(worst, Float.isFinite(fast[i]) ? Math.abs(fast[i] - reference[i]) : Double.POSITIVE_INFINITY);
    }
    assertTrue(worst < 1e-3, channels + " channels: the float32 input gradient is off by " + worst);
  }

  @Test
  void aWidthThatIsNoMultipleOf16IsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PlantTrainer.Options(1, 7, TinyModels.INPUT_SIZE, 8, 8, 2, 5e-3f, 0.01f, 5));
    assertTrue(e.getMessage().contains("multiple of 16"), e.getMessage());
  }

  /** d(sum(conv(input) * upstream)) / d(input). */
  private static NDArray inputGradient(NDArray input, NDArray weight, NDArray upstream) {
    NDArray x = input.duplicate();
    x.setRequiresGradient(true);
    try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
      NDArray out = Conv2d.conv2d(x, weight, null, new Shape(1, 1), new Shape(1, 1), new Shape(1, 1), 1).get(0);
      collector.backward(out.mul(upstream).sum());
    }
    return x.getGradient();
  }

  private static NDArray gaussian(NDManager manager, Random random, Shape shape) {
    float[] values = new float[(int) shape.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = (float) random.nextGaussian();
    }
    return manager.create(values, shape);
  }
}
