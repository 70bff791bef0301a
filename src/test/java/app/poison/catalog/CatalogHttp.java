package app.poison.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.ext.web.multipart.MultipartForm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * A blocking HTTP client for the catalog tests, on its own Vert.x: test steps read top to bottom
 * and run on the JUnit thread, never on the service's event loops.
 */
final class CatalogHttp implements AutoCloseable {
  static final String TOKEN = "test-admin-token";
  private final Vertx vertx = Vertx.vertx();
  private final WebClient client;

  CatalogHttp(int port) {
    client = WebClient.create(vertx, new WebClientOptions()
        .setDefaultHost("127.0.0.1").setDefaultPort(port).setFollowRedirects(false));
  }

  HttpResponse<Buffer> get(String path) {
    return await(client.get(path).send());
  }

  HttpResponse<Buffer> getAbsolute(String url) {
    return await(client.getAbs(url).send());
  }

  HttpRequest<Buffer> request(HttpMethod method, String path) {
    return client.request(method, path);
  }

  /** An admin request with the test token; {@code body} null sends none. */
  HttpResponse<Buffer> admin(HttpMethod method, String path, JsonObject body) {
    HttpRequest<Buffer> request = client.request(method, path).bearerTokenAuthentication(TOKEN);
    return await(body == null ? request.send() : request.sendJsonObject(body));
  }

  HttpResponse<Buffer> upload(String plantId, byte[]... images) {
    MultipartForm form = MultipartForm.create();
    for (int i = 0; i < images.length; i++) {
      form.binaryFileUpload("image", "photo-" + i + ".bin", Buffer.buffer(images[i]), "application/octet-stream");
    }
    return await(client.post("/api/v1/plants/" + plantId + "/images").bearerTokenAuthentication(TOKEN)
        .sendMultipartForm(form));
  }

  /** Follows next_cursor to the end; {@code betweenPages} runs after each page but the last. */
  List<JsonObject> walk(String query, IntConsumer betweenPages) {
    List<JsonObject> items = new ArrayList<>();
    String cursor = null;
    for (int page = 0; ; page++) {
      String path = "/api/v1/plants?" + query + (cursor == null ? "" : "&cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      HttpResponse<Buffer> response = get(path);
      assertEquals(200, response.statusCode(), response.bodyAsString());
      JsonObject body = response.bodyAsJsonObject();
      body.getJsonArray("items").forEach(item -> items.add((JsonObject) item));
      cursor = body.getString("next_cursor");
      if (cursor == null) {
        return items;
      }
      betweenPages.accept(page);
    }
  }

  /** The error code of a {@code {"error": {"code", "message"}}} body, checking the shape. */
  static String errorCode(HttpResponse<Buffer> response) {
    JsonObject error = response.bodyAsJsonObject().getJsonObject("error");
    assertEquals(String.class, error.getValue("message").getClass(), "error.message");
    return error.getString("code");
  }

  /** The seed, as the project ships it. */
  static List<JsonObject> seed() {
    try {
      return Files.readAllLines(Path.of("conf/plants.jsonl")).stream().filter(line -> !line.isBlank())
          .map(JsonObject::new).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Ids in the catalog's list order: Korean name, then id. */
  static List<String> idsInListOrder(List<JsonObject> plants) {
    return plants.stream()
        .sorted(Comparator.comparing((JsonObject p) -> p.getString("name_ko")).thenComparing(p -> p.getString("id")))
        .map(p -> p.getString("id")).toList();
  }

  static List<String> ids(List<JsonObject> plants) {
    return plants.stream().map(p -> p.getString("id")).toList();
  }

  /** A valid new plant. */
  static JsonObject plant(String id, String nameKo) {
    return new JsonObject().put("id", id).put("name_ko", nameKo).put("aliases_ko", List.of())
        .put("name_en", "test plant").put("scientific_name", "Testus plantus").put("family_ko", "시험과")
        .put("family", "Testaceae").put("poisonous", true).put("toxicity", "mild")
        .put("toxic_parts", List.of("leaf")).put("toxins", null).put("symptoms_ko", "배가 아플 수 있다.")
        .put("lookalikes", List.of()).put("distinguishing_ko", null).put("edible_notes_ko", null)
        .put("flower_language_ko", null).put("bloom_months", List.of(5)).put("habitat_ko", "시험장")
        .put("description_ko", "시험용 식물이다.");
  }

  static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(180, TimeUnit.SECONDS); // generous: a busy machine is slow, not wrong
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    await(vertx.close());
  }
}
