package app.poison.inference;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The classifier on top of a fine-tuned backbone's pooled features, kept in Java: a linear layer
 * (logits) and the class means of the training photos' features (for the open-set score's
 * distance). File {@code head.bin}: magic, classes, dimension, weights, bias, feature centre, class means.
 */
public final class FeatureHead {
  public static final String FILE_NAME = "head.bin";
  private static final int MAGIC = 0x50484431; // "PHD1"

  private final int classes;
  private final int dim;
  private final float[] weight;
  private final float[] bias;
  private final float[] centre;
  private final float[] classMeans;

  /**
   * @param weight     {@code classes x dim}, row-major
   * @param centre     mean feature of the training photos, subtracted before comparing directions
   * @param classMeans {@code classes x dim}: each class's mean centred feature, scaled to unit length
   */
  public FeatureHead(int classes, int dim, float[] weight, float[] bias, float[] centre, float[] classMeans) {
    if (weight.length != classes * dim || bias.length != classes || centre.length != dim
        || classMeans.length != classes * dim) {
      throw new IllegalArgumentException("head arrays do not match " + classes + " classes x " + dim);
    }
    this.classes = classes;
    this.dim = dim;
    this.weight = weight;
    this.bias = bias;
    this.centre = centre;
    this.classMeans = classMeans;
  }

  public int classes() {
    return classes;
  }

  public float[] logits(float[] features) {
    checkDim(features);
    float[] out = new float[classes];
    for (int c = 0; c < classes; c++) {
      double sum = bias[c];
      for (int d = 0; d < dim; d++) {
        sum += weight[c * dim + d] * features[d];
      }
      out[c] = (float) sum;
    }
    return out;
  }

  /** Cosine between the centred features and the nearest class mean. */
  public double maxCosine(float[] features) {
    checkDim(features);
    float[] centred = centred(features, centre);
    double norm = Math.sqrt(dot(centred, 0, centred));
    double best = -1;
    for (int c = 0; c < classes; c++) {
      best = Math.max(best, dot(classMeans, c * dim, centred) / Math.max(1e-12, norm));
    }
    return best;
  }

  public PhotoScores scores(float[] features, OpenSetScore openSet) {
    float[] logits = logits(features);
    double known = openSet == null ? Double.NaN : openSet.score(OpenSetScore.energy(logits), maxCosine(features));
    return new PhotoScores(logits, known);
  }

  /** Centre of all features and unit-length centred class means, from the training photos' features. */
  public static FeatureHead fit(float[] weight, float[] bias, float[][] features, int[] labels, int classes) {
    int dim = features[0].length;
    float[] centre = new float[dim];
    for (float[] f : features) {
      for (int d = 0; d < dim; d++) {
        centre[d] += f[d] / features.length;
      }
    }
    float[] means = new float[classes * dim];
    for (int i = 0; i < features.length; i++) {
      float[] centred = centred(features[i], centre);
      for (int d = 0; d < dim; d++) {
        means[labels[i] * dim + d] += centred[d];
      }
    }
    for (int c = 0; c < classes; c++) {
      double norm = Math.sqrt(dot(means, c * dim, java.util.Arrays.copyOfRange(means, c * dim, (c + 1) * dim)));
      for (int d = 0; d < dim; d++) {
        means[c * dim + d] /= (float) Math.max(1e-12, norm);
      }
    }
    return new FeatureHead(classes, dim, weight, bias, centre, means);
  }

  public static FeatureHead read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file);
         DataInputStream data = new DataInputStream(new java.io.BufferedInputStream(in))) {
      if (data.readInt() != MAGIC) {
        throw new IOException(file + " is not a feature head");
      }
      int classes = data.readInt();
      int dim = data.readInt();
      if (classes <= 0 || dim <= 0 || (long) classes * dim > 50_000_000L) {
        throw new IOException(file + ": implausible head size " + classes + " x " + dim);
      }
      return new FeatureHead(classes, dim, floats(data, classes * dim), floats(data, classes),
          floats(data, dim), floats(data, classes * dim));
    }
  }

  public void write(Path file) throws IOException {
    try (OutputStream out = Files.newOutputStream(file);
         DataOutputStream data = new DataOutputStream(new java.io.BufferedOutputStream(out))) {
      data.writeInt(MAGIC);
      data.writeInt(classes);
      data.writeInt(dim);
      for (float[] array : new float[][] {weight, bias, centre, classMeans}) {
        for (float v : array) {
          data.writeFloat(v);
        }
      }
    }
  }

  private void checkDim(float[] features) {
    if (features.length != dim) {
      throw new IllegalArgumentException("features have " + features.length + " values, the head expects " + dim);
    }
  }

  private static float[] centred(float[] features, float[] centre) {
    float[] out = new float[features.length];
    for (int d = 0; d < out.length; d++) {
      out[d] = features[d] - centre[d];
    }
    return out;
  }

  private static double dot(float[] a, int offset, float[] b) {
    double sum = 0;
    for (int d = 0; d < b.length; d++) {
      sum += a[offset + d] * b[d];
    }
    return sum;
  }

  private static float[] floats(DataInputStream data, int n) throws IOException {
    float[] values = new float[n];
    for (int i = 0; i < n; i++) {
      values[i] = data.readFloat();
    }
    return values;
  }
}
