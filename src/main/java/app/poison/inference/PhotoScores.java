package app.poison.inference;

/**
 * What the model says of one photo: raw logits, and its {@link OpenSetScore known score} (NaN for a
 * model without an open-set score).
 */
public record PhotoScores(float[] logits, double knownScore) {
}
