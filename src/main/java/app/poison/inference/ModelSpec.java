package app.poison.inference;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything needed to serve a model besides its weights: {@code model.json} in the model directory.
 *
 * @param openSet the known score that gates {@code confident}; null for a model without one
 * @param info training, data and metrics details (free-form, written by {@code train} and {@code eval})
 */
public record ModelSpec(
    String name,
    String version,
    String architecture,
    int inputSize,
    float[] mean,
    float[] std,
    List<ModelClass> classes,
    double temperature,
    double confidentThreshold,
    double warningThreshold,
    OpenSetScore openSet,
    JsonObject info) {

  public static final String FILE_NAME = "model.json";
  /** Architecture name of a TorchScript file ({@code <name>.pt}) trained elsewhere. */
  public static final String TORCHSCRIPT = "torchscript";
  /** A fine-tuned TorchScript backbone whose first output is pooled features, plus a {@link FeatureHead}. */
  public static final String TORCHSCRIPT_FEATURES = "torchscript-features";

  public int classCount() {
    return classes.size();
  }

  public ModelSpec withCalibration(double newTemperature, double newConfident, double newWarning) {
    return new ModelSpec(name, version, architecture, inputSize, mean, std, classes, newTemperature,
        newConfident, newWarning, openSet, info);
  }

  public ModelSpec withOpenSet(OpenSetScore newOpenSet) {
    return new ModelSpec(name, version, architecture, inputSize, mean, std, classes, temperature,
        confidentThreshold, warningThreshold, newOpenSet, info);
  }

  /** Whether a photo's known score lets the answer be confident: always without an open-set score. */
  public boolean knows(double knownScore) {
    return openSet == null || openSet.known(knownScore);
  }

  public ModelSpec withInfo(JsonObject newInfo) {
    return new ModelSpec(name, version, architecture, inputSize, mean, std, classes, temperature,
        confidentThreshold, warningThreshold, openSet, newInfo);
  }

  public static ModelSpec read(Path modelDir) throws IOException {
    return fromJson(new JsonObject(Files.readString(modelDir.resolve(FILE_NAME), StandardCharsets.UTF_8)));
  }

  public void write(Path modelDir) throws IOException {
    Files.createDirectories(modelDir);
    Files.writeString(modelDir.resolve(FILE_NAME), toJson().encodePrettily() + "\n", StandardCharsets.UTF_8);
  }

  /** Only the {@code classes} of a {@code model.json}: what the catalog needs to know. */
  public static List<ModelClass> classesOf(JsonObject json) {
    return json.getJsonArray("classes").stream()
        .map(JsonObject.class::cast)
        .map(c -> new ModelClass(c.getString("label"), c.getString("catalog_id")))
        .toList();
  }

  public static ModelSpec fromJson(JsonObject json) {
    List<ModelClass> classes = classesOf(json);
    JsonObject calibration = json.getJsonObject("calibration", new JsonObject());
    return new ModelSpec(
        json.getString("name"),
        json.getString("version"),
        json.getString("architecture"),
        json.getInteger("input_size"),
        floats(json.getJsonArray("mean")),
        floats(json.getJsonArray("std")),
        classes,
        calibration.getDouble("temperature", 1.0),
        calibration.getDouble("confident_threshold", 0.5),
        calibration.getDouble("warning_threshold", 0.05),
        OpenSetScore.fromJson(json.getJsonObject("open_set")),
        json.getJsonObject("info", new JsonObject()));
  }

  public JsonObject toJson() {
    JsonArray classArray = new JsonArray();
    classes.forEach(c -> classArray.add(new JsonObject().put("label", c.label()).put("catalog_id", c.catalogId())));
    return new JsonObject()
        .put("name", name)
        .put("version", version)
        .put("architecture", architecture)
        .put("input_size", inputSize)
        .put("mean", jsonArray(mean))
        .put("std", jsonArray(std))
        .put("classes", classArray)
        .put("calibration", new JsonObject()
            .put("temperature", temperature)
            .put("confident_threshold", confidentThreshold)
            .put("warning_threshold", warningThreshold))
        .put("open_set", openSet == null ? null : openSet.toJson())
        .put("info", info);
  }

  private static float[] floats(JsonArray array) {
    float[] values = new float[array.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = array.getNumber(i).floatValue();
    }
    return values;
  }

  private static JsonArray jsonArray(float[] values) {
    JsonArray array = new JsonArray();
    for (float v : values) {
      array.add(Double.parseDouble(Float.toString(v)));
    }
    return array;
  }
}
