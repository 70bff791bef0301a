package app.poison.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.poison.TestServices;
import app.poison.PoisonService;
import app.poison.config.Role;
import app.poison.storage.ImageStore;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The spec and the router must list the same operations, both ways. */
class OpenApiContractTest {
  private static final Pattern PATH = Pattern.compile("^  (/\\S*):\\s*$");
  private static final Pattern METHOD = Pattern.compile("^    (get|put|post|delete|patch|head|options):\\s*$");
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() {
    vertx.close();
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedRouteExists() {
    var config = TestServices.config(Map.of()).put(PoisonService.METRICS_REGISTRY, "openapi-test");
    Router router = ApiRouter.create(vertx, config, Role.ALL, ImageStore.fromConfig(vertx, config));
    assertEquals(documentedOperations(), routedOperations(router));
  }

  private static Set<String> routedOperations(Router router) {
    Set<String> operations = new TreeSet<>();
    for (Route route : router.getRoutes()) {
      String path = route.getPath();
      if (path == null || route.methods() == null || route.methods().isEmpty() || path.endsWith("/")) {
        continue; // catch-alls (static files, API 404s) are not operations
      }
      for (HttpMethod method : route.methods()) {
        operations.add(method.name() + " " + path.replaceAll(":([a-zA-Z_]+)", "{$1}"));
      }
    }
    return operations;
  }

  private static Set<String> documentedOperations() {
    Set<String> operations = new TreeSet<>();
    String currentPath = null;
    for (String line : new String(OpenApiHandler.read(), StandardCharsets.UTF_8).split("\n")) {
      Matcher path = PATH.matcher(line);
      Matcher method = METHOD.matcher(line);
      if (path.matches()) {
        currentPath = path.group(1);
      } else if (method.matches() && currentPath != null) {
        operations.add(method.group(1).toUpperCase(Locale.ROOT) + " " + currentPath);
      } else if (!line.startsWith(" ")) {
        currentPath = null;
      }
    }
    return operations;
  }
}
