package app.poison.inference;

/** The served model's lifecycle, as djl-serving reports it. */
public enum ModelState {
  PENDING, READY, FAILED
}
