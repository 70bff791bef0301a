package app.poison.training;

import app.poison.inference.ModelClass;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A labelled image folder: one sub-folder per class and {@code labels.tsv} (class, catalog id).
 * {@code labels.tsv} may sit in the folder itself or in its parent (shared by train/ and val/).
 */
public final class ImageFolder {
  public static final String LABELS = "labels.tsv";
  private static final Logger LOG = LoggerFactory.getLogger(ImageFolder.class);
  private static final List<String> EXTENSIONS = List.of(".jpg", ".jpeg", ".png", ".bmp", ".gif");

  /** One image file and the index of its class in {@link #classes()}. */
  public record Item(Path file, int label) {
  }

  private final List<ModelClass> classes;
  private final List<Item> items;

  private ImageFolder(List<ModelClass> classes, List<Item> items) {
    this.classes = classes;
    this.items = items;
  }

  /** Classes in {@code labels.tsv} order; images sorted by file name. Classes without a folder have no items. */
  public static ImageFolder open(Path root) throws IOException {
    List<ModelClass> classes = readLabels(findLabels(root));
    List<Item> items = new ArrayList<>();
    for (int label = 0; label < classes.size(); label++) {
      Path dir = root.resolve(classes.get(label).label());
      if (!Files.isDirectory(dir)) {
        continue;
      }
      for (Path file : imagesIn(dir)) {
        items.add(new Item(file, label));
      }
    }
    LOG.info("{}: {} images in {} classes", root, items.size(), classes.size());
    return new ImageFolder(List.copyOf(classes), List.copyOf(items));
  }

  /** The same folder read with another model's class list (for evaluating a model on it). */
  public ImageFolder withClasses(List<ModelClass> modelClasses) {
    List<Item> remapped = new ArrayList<>();
    for (Item item : items) {
      String catalogId = classes.get(item.label()).catalogId();
      int label = indexOf(modelClasses, catalogId);
      remapped.add(new Item(item.file(), label));
    }
    return new ImageFolder(modelClasses, remapped);
  }

  /** Index of the class with this catalog id, or -1 (a plant the model does not know). */
  static int indexOf(List<ModelClass> classes, String catalogId) {
    for (int i = 0; i < classes.size(); i++) {
      if (classes.get(i).catalogId().equals(catalogId)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Several labelled folders as one, merged by catalog id, under {@code into}: one sub-folder per
   * catalog id holding links to (or copies of) every image of that plant in any of the folders, and
   * a {@code labels.tsv}. A folder split into {@code train/} and {@code val/} gives both; the merged
   * folder is not split (the trainer holds out its own validation images).
   */
  public static Path merge(List<Path> roots, Path into) throws IOException {
    java.util.LinkedHashSet<String> catalogIds = new java.util.LinkedHashSet<>();
    for (int source = 0; source < roots.size(); source++) {
      Path root = roots.get(source);
      boolean split = Files.isDirectory(root.resolve("train")) && Files.isDirectory(root.resolve("val"));
      for (Path part : split ? List.of(root.resolve("train"), root.resolve("val")) : List.of(root)) {
        ImageFolder folder = open(part);
        for (Item item : folder.items()) {
          String catalogId = folder.classes().get(item.label()).catalogId();
          catalogIds.add(catalogId);
          Path dir = Files.createDirectories(into.resolve(catalogId));
          Path target = dir.resolve("s" + source + "_" + part.getFileName() + "_" + item.file().getFileName());
          try {
            Files.createSymbolicLink(target, item.file().toAbsolutePath());
          } catch (UnsupportedOperationException | IOException noLinks) {
            Files.copy(item.file(), target);
          }
        }
      }
    }
    StringBuilder labels = new StringBuilder("# class\tcatalog_id (merged from " + roots + ")\n");
    catalogIds.forEach(id -> labels.append(id).append('\t').append(id).append('\n'));
    Files.writeString(into.resolve(LABELS), labels, StandardCharsets.UTF_8);
    LOG.info("Merged {} folders into {}: {} classes", roots.size(), into, catalogIds.size());
    return into;
  }

  public List<ModelClass> classes() {
    return classes;
  }

  public List<Item> items() {
    return items;
  }

  static Path findLabels(Path root) throws IOException {
    for (Path candidate : new Path[] {root.resolve(LABELS), root.toAbsolutePath().getParent().resolve(LABELS)}) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IOException("no " + LABELS + " in " + root + " or its parent");
  }

  static List<ModelClass> readLabels(Path labels) throws IOException {
    List<ModelClass> classes = new ArrayList<>();
    for (String line : Files.readAllLines(labels, StandardCharsets.UTF_8)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      String[] parts = trimmed.split("\t");
      if (parts.length < 2) {
        throw new IOException(labels + ": expected 'class<TAB>catalog_id', got '" + trimmed + "'");
      }
      classes.add(new ModelClass(parts[0].strip(), parts[1].strip()));
    }
    if (classes.isEmpty()) {
      throw new IOException(labels + " lists no classes");
    }
    return classes;
  }

  /** The image files directly in a folder, sorted by name. */
  static List<Path> imagesIn(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(ImageFolder::isImageName).sorted().toList();
    }
  }

  private static boolean isImageName(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(file) && EXTENSIONS.stream().anyMatch(name::endsWith);
  }
}
