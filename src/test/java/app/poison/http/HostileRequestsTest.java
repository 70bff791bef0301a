package app.poison.http;

import static app.poison.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.PoisonService;
import app.poison.TestServices;
import app.poison.config.ConfigKeys;
import app.poison.messaging.Addresses;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Requests no browser sends: each gets a JSON error with a fitting 4xx status, never a 5xx, an
 * empty body, or a stack trace in the log.
 */
class HostileRequestsTest {
  private static final String TOKEN = "hostile-test-token";
  private static final String IMAGES = "/api/v1/plants/caltha-palustris/images";
  private static final int MAX_UPLOAD = 64 * 1024;
  private static PoisonService service;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    service = await(TestServices.start(Map.of(
        ConfigKeys.envName(ConfigKeys.ROLE), "api",
        ConfigKeys.envName(ConfigKeys.MAX_UPLOAD_BYTES), String.valueOf(MAX_UPLOAD),
        ConfigKeys.envName(ConfigKeys.ADMIN_TOKEN), TOKEN)));
    port = service.httpPort();
  }

  @AfterAll
  static void stop() throws Exception {
    await(service.stop());
  }

  @Test
  void aRequestWithoutHostIsAJson400OnEveryRoute() throws Exception {
    for (String path : List.of("/health", "/api/v1/plants", "/", "/index.html", "/eventbus/info")) {
      RawHttp.Response response = RawHttp.exchange(port, "GET " + path + " HTTP/1.1\nConnection: close");
      assertEquals(400, response.status(), path + ": " + response.body());
      assertEquals("missing_host", response.errorCode(), path);
    }
  }

  @Test
  void multipartWithAnEmptyBoundaryIsAJson400() throws Exception {
    byte[] body = "--\r\nContent-Disposition: form-data; name=\"image\"\r\n\r\nx\r\n----\r\n".getBytes(StandardCharsets.US_ASCII);
    for (String path : List.of("/api/v1/identifications", IMAGES)) {
      RawHttp.Response response = RawHttp.exchange(port, "POST " + path + " HTTP/1.1\nHost: localhost\nConnection: close\n"
          + "Authorization: Bearer " + TOKEN + "\nContent-Type: multipart/form-data; boundary=\nContent-Length: " + body.length, body);
      assertEquals(400, response.status(), path + ": " + response.body());
      assertEquals("invalid_multipart", response.errorCode(), path);
    }
  }

  @Test
  void aThousandFormFieldsAreRefusedWithoutAServerError() throws Exception {
    StringBuilder form = new StringBuilder();
    for (int i = 0; i < 1_000; i++) {
      form.append("--b\r\nContent-Disposition: form-data; name=\"f").append(i).append("\"\r\n\r\nv\r\n");
    }
    byte[] body = form.append("--b--\r\n").toString().getBytes(StandardCharsets.US_ASCII);
    RawHttp.Response response = RawHttp.exchange(port, "POST " + IMAGES + " HTTP/1.1\nHost: localhost\nConnection: close\n"
        + "Authorization: Bearer " + TOKEN + "\nContent-Type: multipart/form-data; boundary=b\nContent-Length: " + body.length, body);
    assertEquals(400, response.status(), response.body());
    assertEquals("too_many_form_fields", response.errorCode());
  }

  @Test
  void anUnsatisfiableRangeIs416() throws Exception {
    RawHttp.Response response = RawHttp.exchange(port, "GET /index.html HTTP/1.1\nHost: localhost\nConnection: close\n"
        + "Range: bytes=99999999-");
    assertEquals(416, response.status(), response.body());
    assertEquals("range_not_satisfiable", response.errorCode());
    assertTrue(response.header("Content-Range").startsWith("bytes */"), response.headers().toString());
  }

  @Test
  void anUndecodablePathIsAJson400AndLogsNoStackTrace() throws Exception {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    root.addAppender(log);
    try {
      for (String path : List.of("/api/v1/plants/%ZZ", "/api/v1/plants/a%E", "/%ZZ")) {
        RawHttp.Response response = RawHttp.exchange(port, "GET " + path + " HTTP/1.1\nHost: localhost\nConnection: close");
        assertEquals(400, response.status(), path + ": " + response.body());
        assertEquals("invalid_path", response.errorCode(), path);
      }
    } finally {
      root.detachAppender(log);
    }
    List<String> traces = log.list.stream().filter(event -> event.getThrowableProxy() != null)
        .map(event -> event.getLoggerName() + ": " + event.getFormattedMessage()).toList();
    assertTrue(traces.isEmpty(), "stack traces logged: " + traces);
  }

  @Test
  void protocolRejectionsHaveJsonBodies() throws Exception {
    RawHttp.Response longUri = RawHttp.exchange(port, "GET /" + "a".repeat(10_000) + " HTTP/1.1\nHost: localhost");
    assertEquals(414, longUri.status());
    assertEquals("uri_too_long", longUri.errorCode());

    RawHttp.Response bigHeaders = RawHttp.exchange(port, "GET /health HTTP/1.1\nHost: localhost\nX-Big: " + "b".repeat(20_000));
    assertEquals(431, bigHeaders.status());
    assertEquals("headers_too_large", bigHeaders.errorCode());

    RawHttp.Response badVersion = RawHttp.exchange(port, "GET /health HTTP/1.7\nHost: localhost");
    assertEquals(505, badVersion.status());
    assertEquals("http_version_not_supported", badVersion.errorCode());

    RawHttp.Response garbage = RawHttp.exchange(port, "\u0001\u0002 nonsense");
    assertEquals(400, garbage.status());
    assertEquals("bad_request", garbage.errorCode());
  }

  /** Browsers without WebSocket fall back to SockJS's XHR transport: sending must work there too. */
  @Test
  void theEventBusWorksOverSockJsXhr() throws Exception {
    String session = "/eventbus/123/" + "s" + System.nanoTime() + "/";
    RawHttp.Response open = xhr(session + "xhr", "");
    assertEquals(200, open.status(), open.body());
    assertEquals("o", open.body().trim());
    String register = new JsonObject().put("type", "register").put("address", Addresses.RANKINGS_UPDATED).encode();
    RawHttp.Response sent = xhr(session + "xhr_send", new io.vertx.core.json.JsonArray().add(register).encode());
    assertEquals(204, sent.status(), sent.body());

    // The registration is asynchronous: publish until the long poll returns what was published.
    long publishing = service.vertx().setPeriodic(100, id -> service.vertx().eventBus()
        .publish(Addresses.RANKINGS_UPDATED, new JsonObject().put("generated_at", "xhr-test")));
    try {
      CompletableFuture<RawHttp.Response> poll = CompletableFuture.supplyAsync(() -> {
        try {
          RawHttp.Response response = xhr(session + "xhr", "");
          while (response.body().trim().equals("h")) { // heartbeat: poll again
            response = xhr(session + "xhr", "");
          }
          return response;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      RawHttp.Response message = poll.get(90, java.util.concurrent.TimeUnit.SECONDS);
      assertTrue(message.body().startsWith("a["), message.body());
      assertTrue(message.body().contains("xhr-test"), message.body());
    } finally {
      service.vertx().cancelTimer(publishing);
    }
  }

  @Test
  void http10WithoutHostIsRefusedToo() throws Exception {
    RawHttp.Response plain = RawHttp.exchange(port, "GET /api/v1/plants/%ZZ HTTP/1.0");
    assertEquals(400, plain.status(), plain.body());
  }

  /** The client is still sending: the answer must not wait for the end of the body. */
  @Test
  void anOverLimitPhotoIsRefusedAsSoonAsItPassesTheLimit() throws Exception {
    try (RawHttp http = new RawHttp(port)) {
      http.write(RawHttp.head("POST /api/v1/identifications HTTP/1.1\nHost: localhost\n"
          + "Content-Type: multipart/form-data; boundary=b\nTransfer-Encoding: chunked"));
      byte[] part = ("--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.jpg\"\r\n\r\n"
          + "x".repeat(MAX_UPLOAD + 4096)).getBytes(StandardCharsets.US_ASCII);
      http.write((Integer.toHexString(part.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
      http.write(part);
      http.write("\r\n".getBytes(StandardCharsets.US_ASCII));
      RawHttp.Response response = http.read();
      assertEquals(413, response.status(), response.body());
      assertEquals("image_too_large", response.errorCode());
      assertEquals("close", response.header("Connection"));
    }
  }

  @Test
  void aDeclaredLengthOverEveryLimitIsRefusedUnread() throws Exception {
    for (String path : List.of("/api/v1/identifications", IMAGES, "/api/v1/plants")) {
      try (RawHttp http = new RawHttp(port)) {
        http.write(RawHttp.head("POST " + path + " HTTP/1.1\nHost: localhost\nAuthorization: Bearer " + TOKEN
            + "\nContent-Type: multipart/form-data; boundary=b\nContent-Length: 1000000000"));
        RawHttp.Response response = http.read();
        assertEquals(413, response.status(), path + ": " + response.body());
        assertEquals("body_too_large", response.errorCode(), path);
      }
    }
  }

  @Test
  void crossOriginCallsAreClosedByDefault() throws Exception {
    for (String path : List.of("/api/v1/plants", "/eventbus/info")) {
      RawHttp.Response preflight = RawHttp.exchange(port, "OPTIONS " + path + " HTTP/1.1\nHost: localhost\nConnection: close\n"
          + "Origin: https://app.example\nAccess-Control-Request-Method: GET");
      assertEquals(403, preflight.status(), path);
      assertEquals("origin_not_allowed", preflight.errorCode(), path);
      assertEquals(null, preflight.header("Access-Control-Allow-Origin"), path);
    }
  }

  @Test
  void aPlantCannotTakeTheIdOfARoute() throws Exception {
    RawHttp.Response created = admin("POST", "/api/v1/plants", "application/json",
        new JsonObject().put("id", "search").put("name_ko", "검색풀").encode().getBytes(StandardCharsets.UTF_8));
    assertEquals(400, created.status(), created.body());
    JsonObject error = new JsonObject(created.body()).getJsonObject("error");
    assertTrue(error.getJsonObject("detail").getJsonObject("fields").containsKey("id"), created.body());
  }

  @Test
  void limitTakesPlainAsciiDigitsOnly() throws Exception {
    for (String limit : List.of("+5", "%205", "5%20", "%D9%A5", "%EF%BC%95", "05x", "-1")) {
      for (String path : List.of("/api/v1/plants?limit=", "/api/v1/plants/search?q=a&limit=", "/api/v1/rankings?window=all&limit=")) {
        RawHttp.Response response = RawHttp.exchange(port, "GET " + path + limit + " HTTP/1.1\nHost: localhost\nConnection: close");
        assertEquals(400, response.status(), path + limit + ": " + response.body());
        assertEquals("invalid_limit", response.errorCode(), path + limit);
      }
    }
    assertEquals(200, RawHttp.exchange(port, "GET /api/v1/plants?limit=5 HTTP/1.1\nHost: localhost\nConnection: close").status());
  }

  @Test
  void adminJsonMustBeJsonInUtf8WithoutControlCharacters() throws Exception {
    byte[] plant = "{\"id\": \"text-plain\"}".getBytes(StandardCharsets.UTF_8);
    RawHttp.Response plain = admin("POST", "/api/v1/plants", "text/plain", plant);
    assertEquals(415, plain.status(), plain.body());
    assertEquals("not_json", plain.errorCode());
    RawHttp.Response nul = admin("PUT", "/api/v1/plants/caltha-palustris", "application/json",
        "{\"id\": \"caltha-palustris\", \"name_ko\": \"동의\\u0000나물\"}".getBytes(StandardCharsets.UTF_8));
    assertEquals(400, nul.status(), nul.body());
    assertEquals("invalid_text", nul.errorCode());
    byte[] latin1 = "{\"id\": \"caltha-palustris\", \"name_ko\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
    RawHttp.Response badUtf8 = admin("PUT", "/api/v1/plants/caltha-palustris", "application/json", latin1);
    assertEquals(400, badUtf8.status(), badUtf8.body());
    assertEquals("invalid_utf8", badUtf8.errorCode());
  }

  private static RawHttp.Response admin(String method, String path, String type, byte[] body) throws Exception {
    return RawHttp.exchange(port, method + " " + path + " HTTP/1.1\nHost: localhost\nConnection: close\n"
        + "Authorization: Bearer " + TOKEN + "\nContent-Type: " + type + "\nContent-Length: " + body.length, body);
  }

  private static RawHttp.Response xhr(String path, String body) throws Exception {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    return RawHttp.exchange(port, "POST " + path + " HTTP/1.1\nHost: localhost\nConnection: close\n"
        + "Content-Type: text/plain;charset=UTF-8\nContent-Length: " + bytes.length, bytes);
  }
}
