package app.poison.http;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * HTTP/1.1 written byte by byte over a plain socket, for requests no well-behaved client sends
 * (no Host header, a bad version, a stalled body). Reads one response; blocking, test thread only.
 */
final class RawHttp implements AutoCloseable {
  /** Generous: an answer that is merely slow on a busy machine still arrives. */
  private static final int READ_TIMEOUT_MS = 60_000;
  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(READ_TIMEOUT_MS);
    out = socket.getOutputStream();
    in = socket.getInputStream();
  }

  /** Sends {@code head} (CRLF line ends added, blank line appended) and {@code body}, reads the answer. */
  static Response exchange(int port, String head, byte[] body) throws IOException {
    try (RawHttp http = new RawHttp(port)) {
      http.write(head(head));
      http.write(body);
      return http.read();
    }
  }

  static Response exchange(int port, String head) throws IOException {
    return exchange(port, head, new byte[0]);
  }

  static byte[] head(String head) {
    return (head.replace("\n", "\r\n") + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
  }

  void write(byte[] bytes) throws IOException {
    out.write(bytes);
    out.flush();
  }

  /** Reads one response: status line, headers, then Content-Length bytes, chunks, or until closed. */
  Response read() throws IOException {
    String statusLine = line();
    Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (String line = line(); !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.merge(line.substring(0, colon).trim(), line.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
    }
    byte[] body;
    if (headers.containsKey("content-length")) {
      body = in.readNBytes(Integer.parseInt(headers.get("content-length")));
    } else if ("chunked".equalsIgnoreCase(headers.getOrDefault("transfer-encoding", ""))) {
      ByteArrayOutputStream chunks = new ByteArrayOutputStream();
      for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
           size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
        chunks.write(in.readNBytes(size));
        line();
      }
      line();
      body = chunks.toByteArray();
    } else {
      body = in.readAllBytes();
    }
    return new Response(Integer.parseInt(statusLine.split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
  }

  /** True once the server closed the connection (read returns end of stream). */
  boolean closedByServer() throws IOException {
    try {
      return in.read() == -1;
    } catch (java.net.SocketException reset) {
      return true;
    }
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b == -1) {
        throw new IOException("connection closed mid-line: " + line);
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  record Response(int status, Map<String, String> headers, String body) {
    String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** The {@code error.code} of a JSON error body; fails the test when the body is not one. */
    String errorCode() {
      return new JsonObject(body).getJsonObject("error").getString("code");
    }
  }
}
