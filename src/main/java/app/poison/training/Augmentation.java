package app.poison.training;

import app.poison.inference.ImagePreprocessor;
import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Training-time augmentation for plant photos: random resized crop (framing and distance vary),
 * horizontal flip, and brightness/contrast/saturation jitter (light and camera vary). No hue shift
 * and no vertical flip: flower colour and upright habit are what tells many of these plants apart.
 */
final class Augmentation {
  private static final double MIN_AREA = 0.30;
  private static final double MAX_LOG_RATIO = Math.log(4.0 / 3.0);
  private static final double JITTER = 0.3;

  private Augmentation() {
  }

  /** One augmented, normalised CHW input from a decoded photo. */
  static float[] sample(BufferedImage image, Random random, int size, float[] mean, float[] std) {
    BufferedImage crop = randomResizedCrop(image, random, size);
    int[] rgb = crop.getRGB(0, 0, size, size, null, 0, size);
    if (random.nextBoolean()) {
      mirror(rgb, size);
    }
    float[] chw = ImagePreprocessor.normalise(rgb, size, new float[3], new float[] {1, 1, 1});
    jitterColour(chw, size * size, random);
    for (int c = 0; c < 3; c++) {
      int base = c * size * size;
      for (int i = 0; i < size * size; i++) {
        chw[base + i] = (chw[base + i] - mean[c]) / std[c];
      }
    }
    return chw;
  }

  private static BufferedImage randomResizedCrop(BufferedImage image, Random random, int size) {
    int width = image.getWidth();
    int height = image.getHeight();
    double area = width * (double) height * (MIN_AREA + random.nextDouble() * (1 - MIN_AREA));
    double ratio = Math.exp((random.nextDouble() * 2 - 1) * MAX_LOG_RATIO);
    int w = (int) Math.min(width, Math.round(Math.sqrt(area * ratio)));
    int h = (int) Math.min(height, Math.round(Math.sqrt(area / ratio)));
    int x = random.nextInt(width - w + 1);
    int y = random.nextInt(height - h + 1);
    return ImagePreprocessor.crop(image, x, y, w, h, size);
  }

  private static void mirror(int[] rgb, int size) {
    for (int row = 0; row < size; row++) {
      for (int left = row * size, right = left + size - 1; left < right; left++, right--) {
        int t = rgb[left];
        rgb[left] = rgb[right];
        rgb[right] = t;
      }
    }
  }

  /** Brightness, contrast and saturation factors in [1 - JITTER, 1 + JITTER], on RGB in [0, 1]. */
  private static void jitterColour(float[] chw, int plane, Random random) {
    float brightness = factor(random);
    float contrast = factor(random);
    float saturation = factor(random);
    double graySum = 0;
    for (int i = 0; i < plane; i++) {
      graySum += gray(chw, plane, i);
    }
    float meanGray = (float) (graySum / plane) * brightness;
    for (int i = 0; i < plane; i++) {
      float gray = gray(chw, plane, i) * brightness;
      for (int c = 0; c < 3; c++) {
        float v = chw[c * plane + i] * brightness;
        v = gray + (v - gray) * saturation;
        v = meanGray + (v - meanGray) * contrast;
        chw[c * plane + i] = Math.max(0f, Math.min(1f, v));
      }
    }
  }

  private static float gray(float[] chw, int plane, int i) {
    return 0.299f * chw[i] + 0.587f * chw[plane + i] + 0.114f * chw[2 * plane + i];
  }

  private static float factor(Random random) {
    return (float) (1 + (random.nextDouble() * 2 - 1) * JITTER);
  }
}
