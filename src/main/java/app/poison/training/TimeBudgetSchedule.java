package app.poison.training;

import ai.djl.training.tracker.Tracker;

/**
 * Learning rate: linear warm-up, then cosine decay over the planned steps. On a shared 2-core
 * machine epochs may take twice as long as planned, so in the second half of the wall-clock budget
 * the decay also follows the time left, and still anneals fully before the budget ends instead of
 * stopping at a high learning rate. A run on pace to finish within its budget never lets time bind
 * (elapsed share {@code t <= step share s} implies {@code 2t - 1 <= s}), so its schedule, and so its
 * model, depends only on the step count.
 */
final class TimeBudgetSchedule implements Tracker {
  private final float base;
  private final float last;
  private final int warmUpSteps;
  private final int totalSteps;
  private final long budgetNanos;
  private final long started = System.nanoTime();

  TimeBudgetSchedule(float base, float last, int warmUpSteps, int totalSteps, double budgetMinutes) {
    this.base = base;
    this.last = last;
    this.warmUpSteps = warmUpSteps;
    this.totalSteps = Math.max(warmUpSteps + 1, totalSteps);
    this.budgetNanos = (long) (budgetMinutes * 60e9);
  }

  @Override
  public float getNewValue(int numUpdate) {
    if (numUpdate < warmUpSteps) {
      return base * (numUpdate + 1) / warmUpSteps;
    }
    double byStep = (numUpdate - warmUpSteps) / (double) (totalSteps - warmUpSteps);
    double byTime = 2 * (System.nanoTime() - started) / (double) budgetNanos - 1;
    double progress = Math.min(1, Math.max(byStep, byTime));
    return (float) (last + (base - last) * (1 + Math.cos(Math.PI * progress)) / 2);
  }
}
