package app.poison.http;

import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The JSON object body of a request, read one way on every route that takes one: sent as
 * {@code application/json} (415 otherwise), valid UTF-8 (a decoder would silently turn bad bytes
 * into U+FFFD), a JSON object, and no control characters in any key or text (a NUL in a plant's
 * name would be stored and shown); 400 with a specific code otherwise.
 */
final class JsonBodies {
  private JsonBodies() {
  }

  static JsonObject read(RoutingContext ctx) {
    String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new ServiceException(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "not_json", "본문은 application/json으로 보내 주세요.", null);
    }
    JsonObject body;
    try {
      body = new JsonObject(strictUtf8(ctx.body().buffer() == null ? new byte[0] : ctx.body().buffer().getBytes()));
    } catch (DecodeException | ClassCastException e) {
      throw new ServiceException(ErrorCode.INVALID_BODY, "invalid_json", "JSON 객체 본문이 필요해요.", null);
    }
    if (hasControlCharacters(body)) {
      throw new ServiceException(ErrorCode.INVALID_BODY, "invalid_text", "글자에 제어 문자(NUL 등)를 쓸 수 없어요.", null);
    }
    return body;
  }

  private static String strictUtf8(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new ServiceException(ErrorCode.INVALID_BODY, "invalid_utf8", "본문은 UTF-8이어야 해요.", null);
    }
  }

  /** Any C0 control but tab, line feed and carriage return (long texts keep their lines), or DEL. */
  private static boolean hasControlCharacters(Object value) {
    if (value instanceof String text) {
      return text.chars().anyMatch(c -> (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f);
    }
    if (value instanceof JsonObject object) {
      return object.stream().anyMatch(entry -> hasControlCharacters(entry.getKey()) || hasControlCharacters(entry.getValue()));
    }
    if (value instanceof JsonArray array) {
      return array.stream().anyMatch(JsonBodies::hasControlCharacters);
    }
    return false;
  }
}
