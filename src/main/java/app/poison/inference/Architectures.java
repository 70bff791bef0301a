package app.poison.inference;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import ai.djl.nn.pooling.Pool;

/**
 * The compact CNN trained by {@code train}: {@code poisonnet-<width>}. Four stages of two 3x3
 * conv-BN-ReLU layers (width, 2x, 4x, 8x channels) after a stride-2 stem, max-pooling between
 * stages, global average pooling and a linear classifier. Small enough to train from scratch on
 * 2 CPU cores in under an hour and to run a photo in a few milliseconds.
 */
public final class Architectures {
  public static final String PREFIX = "poisonnet-";

  private Architectures() {
  }

  public static String name(int width) {
    return PREFIX + width;
  }

  public static Block build(String architecture, int classes) {
    if (!architecture.startsWith(PREFIX)) {
      throw new IllegalArgumentException("unknown architecture: " + architecture);
    }
    int width = Integer.parseInt(architecture.substring(PREFIX.length()));
    SequentialBlock net = new SequentialBlock();
    net.add(convBnRelu(width, 2));
    int channels = width;
    for (int stage = 0; stage < 4; stage++) {
      if (stage > 0) {
        net.add(Pool.maxPool2dBlock(new Shape(2, 2), new Shape(2, 2)));
        channels *= 2;
      }
      net.add(convBnRelu(channels, 1)).add(convBnRelu(channels, 1));
    }
    return net.add(Pool.globalAvgPool2dBlock())
        .add(Blocks.batchFlattenBlock())
        .add(Dropout.builder().optRate(0.3f).build())
        .add(Linear.builder().setUnits(classes).build());
  }

  private static Block convBnRelu(int filters, int stride) {
    return new SequentialBlock()
        .add(Conv2d.builder()
            .setKernelShape(new Shape(3, 3))
            .optPadding(new Shape(1, 1))
            .optStride(new Shape(stride, stride))
            .optBias(false)
            .setFilters(filters)
            .build())
        .add(BatchNorm.builder().build())
        .add(Activation::relu);
  }
}
