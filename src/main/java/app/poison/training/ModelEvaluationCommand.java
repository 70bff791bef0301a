package app.poison.training;

import app.poison.inference.ClassifierRunner;
import app.poison.inference.ImagePreprocessor;
import app.poison.inference.ModelSpec;
import app.poison.inference.PlantModel;
import io.vertx.core.json.JsonObject;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.HashSet;
import io.vertx.core.json.JsonArray;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code eval} command: accuracy, safety and calibration metrics on a labelled folder (its
 * {@code val/} split when it has one), the uncertain share on generated non-plant images, and speed.
 */
public final class ModelEvaluationCommand {
  /** Non-plant seeds for eval: disjoint from training's and calibration's. */
  static final long NON_PLANT_SEED = 9_000_000L;
  static final int NON_PLANT_IMAGES = 200;
  private static final int SPEED_ROUNDS = 30;
  private static final Logger LOG = LoggerFactory.getLogger(ModelEvaluationCommand.class);

  private ModelEvaluationCommand() {
  }

  /**
   * @param unknownDir photos of plants that are none of the model's classes, one folder per label
   *                   (e.g. the outlier photos); null to skip
   */
  public static JsonObject run(Path data, Path modelDir, Path unknownDir, Map<String, JsonObject> plants)
      throws IOException {
    Path folder = Files.isDirectory(data.resolve("val")) ? data.resolve("val") : data;
    try (PlantModel model = PlantModel.load(modelDir)) {
      ModelSpec spec = model.spec();
      List<float[]> inputs = new ArrayList<>();
      List<Integer> labels = new ArrayList<>();
      int skipped = 0;
      for (ImageFolder.Item item : ImageFolder.open(folder).withClasses(spec.classes()).items()) {
        if (readInto(item.file(), spec, inputs)) {
          labels.add(item.label());
        } else {
          skipped++;
        }
      }
      Evaluation.Scored scored = Evaluation.score(model, inputs);
      JsonObject report = new JsonObject()
          .put("model", new JsonObject().put("name", spec.name()).put("version", spec.version())
              .put("architecture", spec.architecture()).put("dir", modelDir.toString()))
          .put("data", folder.toString())
          .put("skipped_images", skipped)
          .put("thresholds", new JsonObject().put("temperature", spec.temperature())
              .put("confident", spec.confidentThreshold()).put("warning", spec.warningThreshold())
              .put("known_score", spec.openSet() == null ? null : spec.openSet().threshold()))
          .mergeIn(Evaluation.metrics(spec, scored, labels.stream().mapToInt(Integer::intValue).toArray(), plants))
          .put("non_plants", Evaluation.openSet(spec, Evaluation.score(model,
              SyntheticImages.nonPlantInputs(NON_PLANT_SEED, NON_PLANT_IMAGES, spec)), plants));
      if (unknownDir != null) {
        report.put("unknown_plants", unknownPlants(model, unknownDir, plants));
      }
      return report.put("speed", speed(model, inputs.isEmpty() ? SyntheticImages.nonPlantInputs(1, 8, spec) : inputs));
    }
  }

  /**
   * Open-set figures on a folder of unknown plants, apart for labels the model never saw and labels
   * it saw as outliers in training or calibration (named in its {@code model.json}).
   */
  private static JsonObject unknownPlants(PlantModel model, Path dir, Map<String, JsonObject> plants) throws IOException {
    ModelSpec spec = model.spec();
    JsonObject outliers = spec.info().getJsonObject("data", new JsonObject()).getJsonObject("outliers", new JsonObject());
    Set<Object> seen = new HashSet<>();
    seen.addAll(outliers.getJsonArray(OutlierPhotos.TRAINING, new JsonArray()).getList());
    seen.addAll(outliers.getJsonArray(OutlierPhotos.CALIBRATION, new JsonArray()).getList());
    List<float[]> neverSeen = new ArrayList<>();
    List<float[]> seenBefore = new ArrayList<>();
    List<String> neverSeenLabels = new ArrayList<>();
    for (Path label : OutlierPhotos.labelFolders(dir)) {
      String name = label.getFileName().toString();
      boolean known = seen.contains(name);
      if (!known) {
        neverSeenLabels.add(name);
      }
      for (Path file : ImageFolder.imagesIn(label)) {
        readInto(file, spec, known ? seenBefore : neverSeen);
      }
    }
    return new JsonObject()
        .put("dir", dir.toString())
        .put("never_seen", Evaluation.openSet(spec, Evaluation.score(model, neverSeen), plants)
            .put("labels", new JsonArray(neverSeenLabels)))
        .put("seen_in_training_or_calibration", Evaluation.openSet(spec, Evaluation.score(model, seenBefore), plants));
  }

  /** Adds the photo's model input; false (and a warning) when it cannot be read. */
  private static boolean readInto(Path file, ModelSpec spec, List<float[]> inputs) {
    try {
      inputs.add(ImagePreprocessor.toInput(Files.readAllBytes(file), spec));
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.warn("Skipping unreadable image {}: {}", file, e.getMessage());
      return false;
    }
  }

  /** Images/s at batch 1 and 8, median forward time at batch 1, median preprocessing of a 4000x3000 JPEG. */
  public static JsonObject speed(PlantModel model, List<float[]> inputs) throws IOException {
    List<float[]> eight = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      eight.add(inputs.get(i % inputs.size()));
    }
    double[] batch1 = new double[SPEED_ROUNDS];
    double[] batch8 = new double[SPEED_ROUNDS];
    try (ClassifierRunner runner = model.newRunner()) {
      runner.logits(eight); // warm-up
      runner.logits(eight.subList(0, 1));
      for (int r = 0; r < SPEED_ROUNDS; r++) {
        batch1[r] = timeMs(() -> runner.logits(eight.subList(0, 1)));
        batch8[r] = timeMs(() -> runner.logits(eight));
      }
    }
    byte[] photo = largeJpeg();
    double[] preprocess = new double[10];
    double[] preprocessCpu = new double[preprocess.length];
    ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
    ImagePreprocessor.toInput(photo, model.spec());
    for (int r = 0; r < preprocess.length; r++) {
      long start = System.nanoTime();
      long startCpu = cpu.getCurrentThreadCpuTime();
      ImagePreprocessor.toInput(photo, model.spec());
      preprocess[r] = (System.nanoTime() - start) / 1e6;
      preprocessCpu[r] = (cpu.getCurrentThreadCpuTime() - startCpu) / 1e6;
    }
    return new JsonObject()
        .put("images_per_second_batch1", Evaluation.round(1000 / median(batch1)))
        .put("images_per_second_batch8", Evaluation.round(8000 / median(batch8)))
        .put("forward_ms_batch1_median", Evaluation.round(median(batch1)))
        .put("preprocess_ms_4000x3000_jpeg_median", Evaluation.round(median(preprocess)))
        // single-threaded, so its CPU time is what the wall time would be on an idle core
        .put("preprocess_cpu_ms_4000x3000_jpeg_median", Evaluation.round(median(preprocessCpu)))
        .put("threads", Runtime.getRuntime().availableProcessors());
  }

  /** A 4000x3000 JPEG with photo-like detail (gradients, shapes, noise), made here so no photo is needed. */
  public static byte[] largeJpeg() throws IOException {
    BufferedImage tile = SyntheticImages.nonPlant(42, 500);
    BufferedImage image = new BufferedImage(4000, 3000, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.drawImage(tile, 0, 0, 4000, 3000, null);
    g.dispose();
    Random random = new Random(7);
    for (int i = 0; i < 400_000; i++) {
      image.setRGB(random.nextInt(4000), random.nextInt(3000), random.nextInt(0xffffff));
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "jpg", out);
    return out.toByteArray();
  }

  private static double timeMs(Runnable task) {
    long start = System.nanoTime();
    task.run();
    return (System.nanoTime() - start) / 1e6;
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[sorted.length / 2];
  }
}
