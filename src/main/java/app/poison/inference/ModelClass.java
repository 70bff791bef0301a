package app.poison.inference;

/** One output of the classifier: the training folder name and the catalog plant it stands for. */
public record ModelClass(String label, String catalogId) {
}
