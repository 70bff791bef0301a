package app.poison.inference;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.translate.NoBatchifyTranslator;
import ai.djl.translate.TranslatorContext;
import java.util.List;

/**
 * A batch of CHW inputs in, one row of the network's first output per input out: logits, or pooled
 * features for a backbone with a {@link FeatureHead}. Arrays live in the predictor context's manager,
 * which DJL closes after every call.
 */
final class FirstOutputTranslator implements NoBatchifyTranslator<List<float[]>, float[][]> {
  private final int inputSize;

  FirstOutputTranslator(int inputSize) {
    this.inputSize = inputSize;
  }

  @Override
  public NDList processInput(TranslatorContext ctx, List<float[]> inputs) {
    int plane = 3 * inputSize * inputSize;
    float[] batch = new float[inputs.size() * plane];
    for (int i = 0; i < inputs.size(); i++) {
      float[] input = inputs.get(i);
      if (input.length != plane) {
        throw new IllegalArgumentException("input " + i + " has " + input.length + " values, expected " + plane);
      }
      System.arraycopy(input, 0, batch, i * plane, plane);
    }
    return new NDList(ctx.getNDManager().create(batch, PlantModel.inputShape(inputs.size(), inputSize)));
  }

  @Override
  public float[][] processOutput(TranslatorContext ctx, NDList list) {
    NDArray first = list.get(0);
    int rows = (int) first.getShape().get(0);
    int columns = (int) first.getShape().get(1);
    float[] flat = first.toFloatArray();
    float[][] out = new float[rows][columns];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(flat, r * columns, out[r], 0, columns);
    }
    return out;
  }
}
