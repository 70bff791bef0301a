package app.poison.storage;

/** What the header of an accepted image says: its sniffed media type and pixel size. */
public record ImageInfo(String mediaType, int width, int height) {
  public long pixels() {
    return (long) width * height;
  }
}
