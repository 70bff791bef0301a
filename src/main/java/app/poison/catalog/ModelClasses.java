package app.poison.catalog;

import app.poison.inference.ModelClass;
import app.poison.inference.ModelSpec;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The catalog ids the served model can recognise, from {@code classes} in its {@code model.json}. */
final class ModelClasses {
  private static final Logger LOG = LoggerFactory.getLogger(ModelClasses.class);

  private ModelClasses() {
  }

  /** Empty when there is no model (or no readable model.json): then no plant is identifiable. */
  static Future<Set<String>> catalogIds(Vertx vertx, String modelDir) {
    String file = Path.of(modelDir, "model.json").toString();
    return vertx.fileSystem().exists(file).compose(exists -> exists
        ? vertx.fileSystem().readFile(file).map(content -> parse(new JsonObject(content)))
        : Future.succeededFuture(Set.<String>of()))
        .otherwise(error -> {
          LOG.warn("Cannot read the model classes from {}: {}", file, error.getMessage());
          return Set.of();
        });
  }

  private static Set<String> parse(JsonObject model) {
    return ModelSpec.classesOf(model).stream().map(ModelClass::catalogId).filter(Objects::nonNull).collect(Collectors.toSet());
  }
}
