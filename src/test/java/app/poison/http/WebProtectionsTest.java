package app.poison.http;

import static app.poison.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.poison.PoisonService;
import app.poison.TestServices;
import app.poison.config.ConfigKeys;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The web's basic protections on a service with a CORS allow-list and short body timeouts: security
 * headers on every answer, CORS for listed origins only, cache headers that let a release be seen,
 * and request bodies that cannot hold a connection open. Raw sockets only: the short idle timeout
 * would close a pooled client's connections under it.
 */
class WebProtectionsTest {
  private static final String ALLOWED = "https://app.example";
  private static final String FOREIGN = "https://evil.example";
  private static PoisonService service;
  private static int port;

  @BeforeAll
  static void start() throws Exception {
    service = await(TestServices.start(Map.of(
        ConfigKeys.envName(ConfigKeys.ROLE), "api",
        ConfigKeys.envName(ConfigKeys.CORS_API_ORIGINS), ALLOWED + ", http://localhost:3000",
        ConfigKeys.envName(ConfigKeys.CORS_EVENTBUS_ORIGINS), ALLOWED,
        ConfigKeys.envName(ConfigKeys.HTTP_IDLE_TIMEOUT_SECONDS), "4",
        ConfigKeys.envName(ConfigKeys.HTTP_BODY_TIMEOUT_SECONDS), "1")));
    port = service.httpPort();
  }

  @AfterAll
  static void stop() throws Exception {
    await(service.stop());
  }

  @Test
  void everyAnswerCarriesTheSecurityHeaders() throws Exception {
    for (String path : List.of("/", "/index.html", "/js/app.js", "/css/app.css", "/api/v1/plants", "/health",
        "/api/v1/nothing", "/eventbus/info", "/api/v1/plants?limit=0")) {
      RawHttp.Response response = get(path, "");
      String csp = response.header("Content-Security-Policy");
      assertNotNull(csp, path);
      assertTrue(csp.contains("default-src 'self'") && csp.contains("frame-ancestors 'none'"), path + ": " + csp);
      assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval"), path + ": " + csp);
      assertEquals("nosniff", response.header("X-Content-Type-Options"), path);
      assertEquals("no-referrer", response.header("Referrer-Policy"), path);
    }
    RawHttp.Response refused = RawHttp.exchange(port, "GET /health HTTP/1.1\nConnection: close");
    assertEquals(400, refused.status());
    assertNotNull(refused.header("Content-Security-Policy"), "refused before the router, still protected");
  }

  @Test
  void theWebAppIsRevalidatedSoAReleaseIsSeen() throws Exception {
    for (String path : List.of("/", "/index.html", "/js/app.js")) {
      RawHttp.Response first = get(path, "");
      assertEquals(200, first.status(), path);
      assertEquals("no-cache", first.header("Cache-Control"), path);
      String lastModified = first.header("Last-Modified");
      assertNotNull(lastModified, path);
      assertEquals(304, get(path, "If-Modified-Since: " + lastModified).status(), path);
    }
  }

  @Test
  void apiCorsAnswersListedOriginsOnly() throws Exception {
    RawHttp.Response preflight = RawHttp.exchange(port, "OPTIONS /api/v1/identifications HTTP/1.1\nHost: localhost\n"
        + "Connection: close\nOrigin: " + ALLOWED + "\nAccess-Control-Request-Method: POST\n"
        + "Access-Control-Request-Headers: content-type");
    assertEquals(204, preflight.status(), preflight.body());
    assertEquals(ALLOWED, preflight.header("Access-Control-Allow-Origin"));
    assertTrue(preflight.header("Access-Control-Allow-Methods").contains("POST"));
    assertTrue(preflight.header("Access-Control-Allow-Headers").toLowerCase().contains("content-type"));
    assertNull(preflight.header("Access-Control-Allow-Credentials"));

    RawHttp.Response listed = get("/api/v1/plants?limit=1", "Origin: http://LOCALHOST:3000");
    assertEquals(200, listed.status());
    assertEquals("http://LOCALHOST:3000", listed.header("Access-Control-Allow-Origin"));
    assertTrue(listed.header("Access-Control-Expose-Headers").contains("Location"));

    RawHttp.Response sameOrigin = get("/api/v1/plants?limit=1", "Origin: http://localhost");
    assertEquals(200, sameOrigin.status(), "the service's own pages send their Origin on POSTs");
    assertNull(sameOrigin.header("Access-Control-Allow-Origin"));

    RawHttp.Response foreign = RawHttp.exchange(port, "OPTIONS /api/v1/plants HTTP/1.1\nHost: localhost\nConnection: close\n"
        + "Origin: " + FOREIGN + "\nAccess-Control-Request-Method: GET");
    assertEquals(403, foreign.status());
    assertEquals("origin_not_allowed", foreign.errorCode());
    assertNull(foreign.header("Access-Control-Allow-Origin"));
    assertEquals(403, get("/api/v1/plants", "Origin: " + FOREIGN).status());
  }

  @Test
  void theBridgeNeverEchoesAnOriginWithCredentials() throws Exception {
    RawHttp.Response foreign = get("/eventbus/info", "Origin: " + FOREIGN);
    assertEquals(403, foreign.status());
    assertNull(foreign.header("Access-Control-Allow-Origin"));
    RawHttp.Response upgrade = get("/eventbus/websocket", "Origin: " + FOREIGN
        + "\nUpgrade: websocket\nConnection: Upgrade\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\nSec-WebSocket-Version: 13");
    assertEquals(403, upgrade.status(), "a foreign page cannot open the WebSocket either");

    RawHttp.Response listed = get("/eventbus/info", "Origin: " + ALLOWED);
    assertEquals(200, listed.status());
    assertEquals(ALLOWED, listed.header("Access-Control-Allow-Origin"));
    assertNull(listed.header("Access-Control-Allow-Credentials"));

    RawHttp.Response app = get("/eventbus/info", "");
    assertEquals(200, app.status(), "apps send no Origin");
    assertNull(app.header("Access-Control-Allow-Credentials"));
  }

  @Test
  void aStalledBodyIsRefusedWith408AndItsConnectionClosed() throws Exception {
    try (RawHttp http = new RawHttp(port)) {
      http.write(RawHttp.head("POST /api/v1/identifications HTTP/1.1\nHost: localhost\n"
          + "Content-Type: multipart/form-data; boundary=b\nContent-Length: 100000"));
      http.write("--b\r\nContent-Disposition: form-data; name=\"image\"; filename=\"a.jpg\"\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      RawHttp.Response response = http.read();
      assertEquals(408, response.status(), response.body());
      assertEquals("body_timeout", response.errorCode());
      assertTrue(http.closedByServer());
    }
  }

  @Test
  void aTricklingBodyIsRefusedAtItsTotalTimeLimit() throws Exception {
    try (RawHttp http = new RawHttp(port)) {
      http.write(RawHttp.head("POST /api/v1/identifications/unknown/feedback HTTP/1.1\nHost: localhost\n"
          + "Content-Type: application/json\nTransfer-Encoding: chunked"));
      // One byte every 200 ms: never idle, never done. The answer comes while it still trickles.
      Thread writer = new Thread(() -> {
        try {
          while (true) {
            http.write("1\r\n \r\n".getBytes(StandardCharsets.US_ASCII));
            Thread.sleep(200);
          }
        } catch (Exception closed) {
          // the server closed the connection: done
        }
      });
      writer.start();
      RawHttp.Response response = http.read();
      assertEquals(408, response.status(), response.body());
      writer.interrupt();
    }
  }

  @Test
  void anIdleConnectionIsClosed() throws Exception {
    try (RawHttp http = new RawHttp(port)) {
      http.write("GET /health HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII));
      assertTrue(http.closedByServer());
    }
  }

  private static RawHttp.Response get(String path, String headers) throws Exception {
    return RawHttp.exchange(port, "GET " + path + " HTTP/1.1\nHost: localhost\nConnection: close"
        + (headers.isEmpty() ? "" : "\n" + headers));
  }
}
