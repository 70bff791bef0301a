package app.poison.storage;

import app.poison.messaging.ErrorCode;
import app.poison.messaging.ServiceException;
import io.vertx.core.json.JsonObject;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Iterator;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.MemoryCacheImageOutputStream;

/**
 * Photos kept beyond a job's life are decoded to pixels and written as a fresh JPEG: no EXIF, no
 * GPS position, no camera serial, no embedded thumbnail survives. Call only on bytes that passed
 * {@link ImageInspector} (type and pixel limits), and off the event loop: decoding blocks.
 */
public final class CleanJpegs {
  public static final String MEDIA_TYPE = ImageInspector.JPEG;
  private static final float QUALITY = 0.9f;

  /** The re-encoded bytes and their stored form {@code {"key", "content_type", "width", "height"}}. */
  public record Clean(byte[] bytes, JsonObject image) {
  }

  private CleanJpegs() {
  }

  public static Clean of(byte[] checked) {
    BufferedImage decoded;
    try {
      decoded = ImageIO.read(new ByteArrayInputStream(checked));
    } catch (IOException | RuntimeException e) {
      decoded = null;
    }
    if (decoded == null) {
      throw new ServiceException(ErrorCode.INVALID_BODY, "corrupt_image", "사진 파일을 읽을 수 없어요.", null);
    }
    byte[] jpeg = encode(opaqueRgb(decoded));
    return new Clean(jpeg, new JsonObject().put("key", ImageKeys.of(jpeg, MEDIA_TYPE)).put("content_type", MEDIA_TYPE)
        .put("width", decoded.getWidth()).put("height", decoded.getHeight()));
  }

  /** JPEG has no alpha: transparent parts become white, as a browser would show them on the page. */
  private static BufferedImage opaqueRgb(BufferedImage image) {
    if (image.getType() == BufferedImage.TYPE_INT_RGB) {
      return image;
    }
    BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = rgb.createGraphics();
    g.drawImage(image, 0, 0, Color.WHITE, null);
    g.dispose();
    return rgb;
  }

  /** Written with no metadata object: the writer adds only the JFIF header. */
  private static byte[] encode(BufferedImage rgb) {
    Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName("jpeg");
    ImageWriter writer = writers.next();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (MemoryCacheImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
      param.setCompressionQuality(QUALITY);
      writer.write(null, new IIOImage(rgb, null, null), param);
    } catch (IOException e) {
      throw new IllegalStateException("JPEG encoding failed", e);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }
}
