package app.poison;

import app.poison.identify.PlantFacts;
import app.poison.training.ImageFolder;
import app.poison.training.ModelEvaluationCommand;
import app.poison.training.ModelTraining;
import app.poison.training.FineTuner;
import app.poison.training.ModelFineTuning;
import app.poison.training.PlantTrainer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code train} and {@code eval}: argument parsing around {@link ModelTraining} and {@link ModelEvaluationCommand}. */
final class ModelCommands {
  static final String DEFAULT_MODEL = "models/poison-default";
  private static final Logger LOG = LoggerFactory.getLogger(ModelCommands.class);

  private ModelCommands() {
  }

  static int train(String[] args) {
    Map<String, String> options = parse(args);
    if (options == null || !options.containsKey("data") || !options.containsKey("out")) {
      LOG.error("Usage: train --data DIR [--data DIR ...] --out DIR [--backbone FILE.pt [--outliers DIR] "
          + "[--leave-out LABEL,...]] [--epochs N] [--seed S] [--input-size PX] [--max-minutes M]");
      return Main.EXIT_USAGE;
    }
    try {
      List<String> folders = values(args, "data");
      Path data = trainingData(folders);
      Path out = Path.of(options.get("out"));
      if (options.containsKey("backbone")) {
        ModelFineTuning.run(data, out, fineTuning(options, Path.of(folders.get(0))), PlantFacts.loadDefault());
      } else {
        ModelTraining.run(data, out, fromScratch(options), PlantFacts.loadDefault());
      }
      return 0;
    } catch (NumberFormatException e) {
      LOG.error("train: not a number: {}", e.getMessage());
      return Main.EXIT_USAGE;
    } catch (Exception e) {
      LOG.error("train failed: {}", e.getMessage(), e);
      return 1;
    }
  }

  /** Outlier photos default to the {@code outliers/} folder beside the (first) data's classes. */
  private static ModelFineTuning.Setup fineTuning(Map<String, String> options, Path firstData) {
    FineTuner.Options defaults = FineTuner.Options.defaults();
    FineTuner.Options chosen = defaults.with(
        intOption(options, "epochs", defaults.epochs()),
        intOption(options, "seed", defaults.seed()),
        intOption(options, "input-size", defaults.inputSize()),
        Double.parseDouble(options.getOrDefault("max-minutes", String.valueOf(defaults.maxMinutes()))));
    Path outliers = Path.of(options.getOrDefault("outliers", firstData.resolve("outliers").toString()));
    if (chosen.epochs() < 1) {
      throw new NumberFormatException("--epochs must be at least 1");
    }
    Set<String> leaveOut = Arrays.stream(options.getOrDefault("leave-out", "").split(","))
        .map(String::strip).filter(label -> !label.isEmpty()).collect(Collectors.toSet());
    return new ModelFineTuning.Setup(Path.of(options.get("backbone")).toAbsolutePath(), outliers, leaveOut, chosen);
  }

  private static PlantTrainer.Options fromScratch(Map<String, String> options) {
    PlantTrainer.Options defaults = PlantTrainer.Options.defaults();
    return new PlantTrainer.Options(
        intOption(options, "epochs", defaults.epochs()),
        intOption(options, "seed", defaults.seed()),
        intOption(options, "input-size", defaults.inputSize()),
        intOption(options, "width", defaults.width()),
        defaults.batchSize(), defaults.outliersPerBatch(), defaults.learningRate(), defaults.weightDecay(),
        Double.parseDouble(options.getOrDefault("max-minutes", String.valueOf(defaults.maxMinutes()))));
  }

  private static int intOption(Map<String, String> options, String key, int fallback) {
    return Integer.parseInt(options.getOrDefault(key, String.valueOf(fallback)));
  }

  static int eval(String[] args) {
    Map<String, String> options = parse(args);
    if (options == null || !options.containsKey("data")) {
      LOG.error("Usage: eval --data DIR [--model DIR] [--unknown DIR]");
      return Main.EXIT_USAGE;
    }
    try {
      String json = ModelEvaluationCommand.run(Path.of(options.get("data")),
          Path.of(options.getOrDefault("model", DEFAULT_MODEL)),
          options.containsKey("unknown") ? Path.of(options.get("unknown")) : null,
          PlantFacts.loadDefault()).encodePrettily();
      // the JSON report is the command's output, not a log line
      System.out.println(json);
      return 0;
    } catch (Exception e) {
      LOG.error("eval failed: {}", e.getMessage(), e);
      return 1;
    }
  }

  /**
   * One {@code --data} folder as it is; several (e.g. an {@code export-training} folder and another)
   * merged by catalog id into a temporary folder of links.
   */
  private static Path trainingData(List<String> folders) throws java.io.IOException {
    if (folders.size() == 1) {
      return Path.of(folders.get(0));
    }
    Path merged = java.nio.file.Files.createTempDirectory("poison-train-data-");
    return ImageFolder.merge(folders.stream().map(Path::of).toList(), merged);
  }

  /** Every value of a repeatable option, in order. */
  static List<String> values(String[] args, String key) {
    List<String> values = new java.util.ArrayList<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (args[i].equals("--" + key)) {
        values.add(args[i + 1]);
      }
    }
    return values;
  }

  /** {@code --key value} pairs (a repeated key keeps its last value), or null when malformed. */
  static Map<String, String> parse(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i += 2) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        return null;
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }
}
