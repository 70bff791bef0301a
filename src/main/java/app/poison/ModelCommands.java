package app.poison;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code train} and {@code eval}: placeholders until the model lands. */
final class ModelCommands {
  private static final Logger LOG = LoggerFactory.getLogger(ModelCommands.class);

  private ModelCommands() {
  }

  static int train(String[] args) {
    LOG.error("train: not implemented yet");
    return Main.EXIT_USAGE;
  }

  static int eval(String[] args) {
    LOG.error("eval: not implemented yet");
    return Main.EXIT_USAGE;
  }
}
