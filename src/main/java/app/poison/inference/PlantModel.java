package app.poison.inference;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.types.Shape;
import java.io.IOException;
import java.nio.file.Path;

/**
 * A loaded model directory, whatever its kind, through this one path: {@code model.json} plus
 * weights, either a {@code poisonnet-*} block with DJL parameters, a TorchScript classifier, or a
 * fine-tuned TorchScript backbone ({@code <name>.pt}) with its {@link FeatureHead}. Thread-safe;
 * each inference thread takes its own {@link ClassifierRunner}.
 */
public final class PlantModel implements AutoCloseable {
  private static final String ENGINE = "PyTorch";
  private static final String GRAPH_OPTIMIZER = "ai.djl.pytorch.graph_optimizer";

  static {
    // TorchScript's profiling executor re-optimises for every new batch shape; measured here on
    // MobileNetV2 at 160 px it made a forward pass 3-12x slower (batch 1: 51 -> 14 ms, batch 8:
    // 500 -> 40 ms). DJL applies this property on every forward, per thread.
    if (System.getProperty(GRAPH_OPTIMIZER) == null) {
      System.setProperty(GRAPH_OPTIMIZER, "false");
    }
    NativeAllocator.keepLargeBuffers();
  }

  private final ModelSpec spec;
  private final Model model;
  private final FeatureHead head;

  private PlantModel(ModelSpec spec, Model model, FeatureHead head) {
    this.spec = spec;
    this.model = model;
    this.head = head;
  }

  /** PyTorch intra-op threads of this process: effective only before the engine's first use. */
  public static void useTorchThreads(int threads) {
    System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(threads));
  }

  public static PlantModel load(Path modelDir) throws IOException {
    ModelSpec spec = ModelSpec.read(modelDir);
    Model model = Model.newInstance(spec.name(), ENGINE);
    try {
      boolean torchScript = spec.architecture().startsWith(ModelSpec.TORCHSCRIPT);
      if (!torchScript) {
        model.setBlock(Architectures.build(spec.architecture(), spec.classCount()));
      }
      model.load(modelDir, spec.name());
      FeatureHead head = ModelSpec.TORCHSCRIPT_FEATURES.equals(spec.architecture())
          ? FeatureHead.read(modelDir.resolve(FeatureHead.FILE_NAME)) : null;
      if (head != null && head.classes() != spec.classCount()) {
        throw new IllegalStateException("the head knows " + head.classes() + " classes, model.json " + spec.classCount());
      }
      return new PlantModel(spec, model, head);
    } catch (MalformedModelException | IOException | RuntimeException e) {
      model.close();
      throw new IOException("cannot load model from " + modelDir + ": " + e.getMessage(), e);
    }
  }

  public ModelSpec spec() {
    return spec;
  }

  /** One per inference thread: wraps one DJL Predictor. */
  public ClassifierRunner newRunner() {
    return new ClassifierRunner(model.newPredictor(new FirstOutputTranslator(spec.inputSize())), head, spec.openSet());
  }

  public static Shape inputShape(int batch, int inputSize) {
    return new Shape(batch, 3, inputSize, inputSize);
  }

  @Override
  public void close() {
    model.close();
  }
}
