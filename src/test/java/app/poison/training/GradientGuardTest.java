package app.poison.training;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.loss.Loss;
import org.junit.jupiter.api.Test;

/** A NaN that reaches the gradients is seen, and discarding leaves every gradient zero. */
class GradientGuardTest {

  @Test
  void aNaNGradientIsSeenAndDiscarded() {
    try (Model model = Model.newInstance("guard", "PyTorch")) {
      model.setBlock(new SequentialBlock().add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(2).build()));
      try (Trainer trainer = model.newTrainer(new DefaultTrainingConfig(Loss.l2Loss()));
           NDManager scratch = trainer.getManager().newSubManager()) {
        trainer.initialize(new Shape(1, 4));
        backward(trainer, scratch, 1f);
        assertTrue(GradientGuard.finite(trainer, scratch), "finite input, finite gradients");

        backward(trainer, scratch, Float.NaN);
        assertFalse(GradientGuard.finite(trainer, scratch));
        GradientGuard.discard(trainer);
        assertTrue(GradientGuard.finite(trainer, scratch));
        NDArray weight = model.getBlock().getParameters().valueAt(0).getArray().getGradient();
        assertTrue(weight.eq(0).all().getBoolean(), "every gradient zeroed");
      }
    }
  }

  private static void backward(Trainer trainer, NDManager manager, float value) {
    try (GradientCollector collector = trainer.newGradientCollector()) {
      NDArray input = manager.full(new Shape(3, 4), value);
      NDList out = trainer.forward(new NDList(input));
      collector.backward(trainer.getLoss().evaluate(new NDList(manager.zeros(new Shape(3, 2))), out));
    }
  }
}
