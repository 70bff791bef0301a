package app.poison.training;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

/**
 * The pretrained backbone's provenance, and the check that a fine-tuned model carries none of its
 * weights verbatim (the backbone is research material; only a model in which every layer was
 * trained may be committed).
 */
final class BackboneCopyCheck {
  private static final String SOURCE = "GitHub google-coral/test_data, commit 104342d2d3480b3e66203073dac24f4e2dbb4c41 "
      + "(tf2_mobilenet_v2_1.0_224_ptq.tflite / mobilenet_v1_1.0_224_quant_embedding_extractor.tflite), "
      + "ImageNet-1k pretrained, dequantised to float32 and exported as TorchScript";

  private BackboneCopyCheck() {
  }

  /** How many parameter tensors of {@code trained} equal the backbone's tensor of the same name. */
  static int identicalTensors(Path backbone, Path trained) throws IOException {
    Map<String, float[]> original = parameters(backbone);
    int identical = 0;
    for (Map.Entry<String, float[]> entry : parameters(trained).entrySet()) {
      float[] before = original.get(entry.getKey());
      identical += before != null && java.util.Arrays.equals(before, entry.getValue()) ? 1 : 0;
    }
    return identical;
  }

  static JsonObject provenance(Path backbone) throws IOException {
    return new JsonObject()
        .put("file", backbone.getFileName().toString())
        .put("sha256", sha256(backbone))
        .put("source", SOURCE)
        .put("license", "Apache-2.0");
  }

  private static Map<String, float[]> parameters(Path file) throws IOException {
    String name = file.getFileName().toString().replaceFirst("\\.pt$", "");
    try (Model model = Model.newInstance(name, "PyTorch")) {
      model.load(file.getParent(), name);
      Map<String, float[]> values = new HashMap<>();
      for (Pair<String, Parameter> parameter : model.getBlock().getParameters()) {
        NDArray array = parameter.getValue().getArray();
        values.put(parameter.getKey(), array.toFloatArray());
      }
      return values;
    } catch (MalformedModelException e) {
      throw new IOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
