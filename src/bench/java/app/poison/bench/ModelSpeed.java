package app.poison.bench;

import app.poison.config.ConfigKeys;
import app.poison.inference.ImagePreprocessor;
import app.poison.training.ModelEvaluationCommand;
import app.poison.inference.PlantModel;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The benchmarks' one use of the model code: the configured model's raw speed on a photo, as
 * {@code eval} measures it, so that a run can set the service's throughput against it.
 */
final class ModelSpeed {
  private ModelSpeed() {
  }

  static JsonObject measure(JsonObject config, byte[] photo) throws IOException {
    PlantModel.useTorchThreads(config.getInteger(ConfigKeys.INFERENCE_TORCH_THREADS));
    try (PlantModel model = PlantModel.load(Path.of(config.getString(ConfigKeys.MODEL_DIR)))) {
      return ModelEvaluationCommand.speed(model, List.of(ImagePreprocessor.toInput(photo, model.spec())));
    }
  }
}
