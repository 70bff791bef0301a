package app.poison.storage;

import io.vertx.core.buffer.Buffer;

/** What {@link ImageStore#get} finds: the bytes, or a (presigned) URL to send the client to. */
public record StoredImage(Buffer bytes, String redirectUrl) {
  public static StoredImage bytes(Buffer bytes) {
    return new StoredImage(bytes, null);
  }

  public static StoredImage redirect(String url) {
    return new StoredImage(null, url);
  }
}
