package app.poison.storage;

import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;

/**
 * Validates uploaded image bytes before anything is stored or queued: the type is sniffed from
 * the bytes (never the file name or Content-Type), the structure is walked to catch truncated
 * files, and the pixel count is read from the header so a decompression bomb is refused without
 * being decoded.
 */
public final class ImageInspector {
  public static final String JPEG = "image/jpeg";
  public static final String PNG = "image/png";
  public static final String WEBP = "image/webp";

  private final long maxBytes;
  private final long maxPixels;

  public ImageInspector(long maxBytes, long maxPixels) {
    this.maxBytes = maxBytes;
    this.maxPixels = maxPixels;
  }

  public ImageInfo inspect(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      throw reject(ErrorCode.INVALID_BODY, "empty_image", "빈 파일이에요. 사진을 다시 골라 주세요.");
    }
    if (bytes.length > maxBytes) {
      throw tooLarge();
    }
    String mediaType = sniff(bytes);
    if (!ImageStructure.isComplete(mediaType, bytes)) {
      throw reject(ErrorCode.INVALID_BODY, "truncated_image", "사진 파일이 잘렸거나 손상되었어요.");
    }
    ImageInfo info = readHeader(mediaType, bytes);
    if (info.width() <= 0 || info.height() <= 0 || info.pixels() > maxPixels) {
      throw reject(ErrorCode.PAYLOAD_TOO_LARGE, "image_dimensions_too_large",
          "사진 해상도가 너무 커요 (" + info.width() + "×" + info.height() + "). 최대 " + maxPixels + " 화소까지 받아요.");
    }
    return info;
  }

  public ServiceException tooLarge() {
    return reject(ErrorCode.PAYLOAD_TOO_LARGE, "image_too_large",
        "사진 한 장이 너무 커요. 최대 " + (maxBytes / (1024 * 1024)) + "MB까지 올릴 수 있어요.");
  }

  static String sniff(byte[] b) {
    if (b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF) {
      return JPEG;
    }
    if (b.length >= 8 && (b[0] & 0xFF) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
        && b[4] == 0x0D && b[5] == 0x0A && b[6] == 0x1A && b[7] == 0x0A) {
      return PNG;
    }
    if (b.length >= 12 && b[0] == 'R' && b[1] == 'I' && b[2] == 'F' && b[3] == 'F'
        && b[8] == 'W' && b[9] == 'E' && b[10] == 'B' && b[11] == 'P') {
      return WEBP;
    }
    throw reject(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "unsupported_image_type",
        "JPEG, PNG, WebP 사진만 올릴 수 있어요.");
  }

  private static ImageInfo readHeader(String mediaType, byte[] bytes) {
    // A memory cache: ImageIO's default stream caches through a temporary file.
    try (ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(bytes))) {
      Iterator<ImageReader> readers = ImageIO.getImageReadersByMIMEType(mediaType);
      if (!readers.hasNext()) {
        throw reject(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "unsupported_image_type", "이 형식의 사진은 읽을 수 없어요.");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        return new ImageInfo(mediaType, reader.getWidth(0), reader.getHeight(0));
      } finally {
        reader.dispose();
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof ServiceException se) {
        throw se;
      }
      throw reject(ErrorCode.INVALID_BODY, "corrupt_image", "사진 파일을 읽을 수 없어요.");
    }
  }

  private static ServiceException reject(ErrorCode code, String wireCode, String message) {
    return new ServiceException(code, wireCode, message, null);
  }
}
