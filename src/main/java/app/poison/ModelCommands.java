package app.poison;

import app.poison.identify.PlantFacts;
import app.poison.training.ImageFolder;
import app.poison.training.ModelEvaluationCommand;
import app.poison.training.ModelTraining;
import app.poison.training.PlantTrainer;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
      LOG.error("Usage: train --data DIR [--data DIR ...] --out DIR [--epochs N] [--seed S] [--max-minutes M]");
      return Main.EXIT_USAGE;
    }
    try {
      PlantTrainer.Options defaults = PlantTrainer.Options.defaults();
      PlantTrainer.Options chosen = new PlantTrainer.Options(
          Integer.parseInt(options.getOrDefault("epochs", String.valueOf(defaults.epochs()))),
          Integer.parseInt(options.getOrDefault("seed", String.valueOf(defaults.seed()))),
          Integer.parseInt(options.getOrDefault("input-size", String.valueOf(defaults.inputSize()))),
          Integer.parseInt(options.getOrDefault("width", String.valueOf(defaults.width()))),
          defaults.batchSize(), defaults.outliersPerBatch(), defaults.learningRate(), defaults.weightDecay(),
          Double.parseDouble(options.getOrDefault("max-minutes", String.valueOf(defaults.maxMinutes()))));
      ModelTraining.run(trainingData(values(args, "data")), Path.of(options.get("out")), chosen, PlantFacts.loadDefault());
      return 0;
    } catch (NumberFormatException e) {
      LOG.error("train: not a number: {}", e.getMessage());
      return Main.EXIT_USAGE;
    } catch (Exception e) {
      LOG.error("train failed: {}", e.getMessage(), e);
      return 1;
    }
  }

  static int eval(String[] args) {
    Map<String, String> options = parse(args);
    if (options == null || !options.containsKey("data")) {
      LOG.error("Usage: eval --data DIR [--model DIR]");
      return Main.EXIT_USAGE;
    }
    try {
      String json = ModelEvaluationCommand.run(Path.of(options.get("data")),
          Path.of(options.getOrDefault("model", DEFAULT_MODEL)), PlantFacts.loadDefault()).encodePrettily();
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
