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
 * files, and what the decoder will really materialise (every frame's own size, the decode's
 * working memory, scans) is bounded from the container alone, so a decompression bomb is refused
 * without being decoded. Every upload route calls this one check.
 */
public final class ImageInspector {
  public static final String JPEG = "image/jpeg";
  public static final String PNG = "image/png";
  public static final String WEBP = "image/webp";

  /** Long side over short side: phone panoramas stay under it; past it the model's square crop keeps under a tenth. */
  public static final int MAX_ASPECT_RATIO = 10;
  /** Animation frames (WebP ANMF, APNG fcTL): a photo has one. */
  public static final int MAX_FRAMES = 64;
  /** JPEG scans: a progressive encoder writes about 10; every scan is another pass over the image. */
  public static final int MAX_SCANS = 32;
  /** Scans × pixels of a multi-scan JPEG: each scan is a full pass (10 scans of 24 MP took 0.9 s of CPU). */
  public static final long MAX_SCAN_PIXELS = 160_000_000L;
  /** Working memory of one decode beyond its output: progressive JPEG coefficients, PNG inflated rows. */
  public static final long MAX_DECODE_WORK_BYTES = 128L << 20;
  /** WebP frames: the pure-Java WebP decoder holds each frame at full size, at several bytes a pixel. */
  public static final long MAX_WEBP_PIXELS = 4L << 20;
  /** WebP pixels per byte of frame data: even a flat photo needs more; a tiny file claiming millions is a bomb. */
  static final long MAX_WEBP_PIXELS_PER_BYTE = 1024;

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
    ImageLayout layout = layoutOf(mediaType, bytes);
    checkFrames(mediaType, layout);
    checkDecodeWork(layout);
    ImageInfo info = readHeader(mediaType, bytes);
    if (info.width() != layout.width() || info.height() != layout.height()) {
      throw corrupt(); // the decoder would read another size than the one checked
    }
    return info;
  }

  private static ImageLayout layoutOf(String mediaType, byte[] bytes) {
    try {
      return ImageLayout.read(mediaType, bytes);
    } catch (ImageLayout.Invalid e) {
      throw corrupt();
    }
  }

  /** Every frame the decoder may materialise: a real size, within the pixel limit, not a sliver. */
  private void checkFrames(String mediaType, ImageLayout layout) {
    long limit = WEBP.equals(mediaType) ? Math.min(maxPixels, MAX_WEBP_PIXELS) : maxPixels;
    long total = 0;
    for (ImageLayout.Frame frame : layout.frames()) {
      if (frame.width() <= 0 || frame.height() <= 0) {
        throw corrupt();
      }
      if (frame.pixels() > limit) {
        throw dimensionsTooLarge(frame.width(), frame.height(), limit);
      }
      if (Math.max(frame.width(), frame.height()) > (long) MAX_ASPECT_RATIO * Math.min(frame.width(), frame.height())) {
        throw reject(ErrorCode.INVALID_BODY, "image_aspect_ratio_too_large", "사진이 너무 길쭉해요 (" + frame.width() + "×"
            + frame.height() + "). 긴 변이 짧은 변의 " + MAX_ASPECT_RATIO + "배 이하인 사진을 올려 주세요.");
      }
      if (WEBP.equals(mediaType) && frame.pixels() > MAX_WEBP_PIXELS_PER_BYTE * Math.max(1, frame.dataBytes())) {
        throw tooComplex("압축률이 비정상적으로 높은 WebP");
      }
      total += frame.pixels();
    }
    if (layout.frames().size() > MAX_FRAMES) {
      throw tooComplex("프레임 " + layout.frames().size() + "개");
    }
    if (total > maxPixels) {
      throw dimensionsTooLarge(layout.width(), layout.height(), maxPixels);
    }
  }

  private static void checkDecodeWork(ImageLayout layout) {
    if (layout.scans() > MAX_SCANS) {
      throw tooComplex("스캔 " + layout.scans() + "개");
    }
    long scanPixels = (long) layout.scans() * layout.width() * layout.height();
    if (layout.scans() > 1 && scanPixels > MAX_SCAN_PIXELS) {
      throw tooComplex("스캔 " + layout.scans() + "개 × " + layout.width() + "×" + layout.height());
    }
    if (layout.workingBytes() > MAX_DECODE_WORK_BYTES) {
      throw reject(ErrorCode.PAYLOAD_TOO_LARGE, "image_dimensions_too_large", "이 사진을 읽으려면 메모리가 너무 많이 필요해요 ("
          + layout.width() + "×" + layout.height() + "). 해상도를 줄이거나 일반 JPEG으로 저장해서 올려 주세요.");
    }
  }

  private static ServiceException dimensionsTooLarge(int width, int height, long limit) {
    return reject(ErrorCode.PAYLOAD_TOO_LARGE, "image_dimensions_too_large",
        "사진 해상도가 너무 커요 (" + width + "×" + height + "). 최대 " + limit + " 화소까지 받아요.");
  }

  private static ServiceException tooComplex(String what) {
    return reject(ErrorCode.PAYLOAD_TOO_LARGE, "image_too_complex",
        "사진 파일 구조가 너무 복잡해요 (" + what + "). 일반 사진 파일로 다시 저장해서 올려 주세요.");
  }

  private static ServiceException corrupt() {
    return reject(ErrorCode.INVALID_BODY, "corrupt_image", "사진 파일을 읽을 수 없어요.");
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
      throw corrupt();
    }
  }

  private static ServiceException reject(ErrorCode code, String wireCode, String message) {
    return new ServiceException(code, wireCode, message, null);
  }
}
