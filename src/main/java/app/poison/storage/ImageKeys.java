package app.poison.storage;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Image keys are made here from the content (SHA-256 and the sniffed type), never taken from a
 * client: a key names no directory, so it cannot reach outside the store.
 */
public final class ImageKeys {
  private static final Map<String, String> EXTENSIONS = Map.of(
      ImageInspector.JPEG, "jpg", ImageInspector.PNG, "png", ImageInspector.WEBP, "webp");
  private static final Map<String, String> MEDIA_TYPES = Map.of(
      "jpg", ImageInspector.JPEG, "png", ImageInspector.PNG, "webp", ImageInspector.WEBP);
  private static final Pattern KEY = Pattern.compile("^[0-9a-f]{64}\\.(jpg|png|webp)$");

  private ImageKeys() {
  }

  /** {@code <sha256 hex>.<extension>} for an image whose type was sniffed from its bytes. */
  public static String of(byte[] bytes, String mediaType) {
    String extension = EXTENSIONS.get(mediaType);
    if (extension == null) {
      throw new IllegalArgumentException("not a stored image type: " + mediaType);
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + "." + extension;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean isValid(String key) {
    return key != null && KEY.matcher(key).matches();
  }

  /** Media type of a valid key. */
  public static String mediaType(String key) {
    return MEDIA_TYPES.get(key.substring(key.lastIndexOf('.') + 1));
  }

  /** Strong validator: the key is the content hash. */
  public static String etag(String key) {
    return "\"" + key.substring(0, key.indexOf('.')) + "\"";
  }
}
