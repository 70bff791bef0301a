package app.poison.config;

/** A configuration value that the process cannot start with; names the offending key. */
public final class ConfigException extends RuntimeException {
  private final String key;

  public ConfigException(String key, String problem) {
    super("configuration " + key + " (" + ConfigKeys.envName(key) + "): " + problem);
    this.key = key;
  }

  public String key() {
    return key;
  }
}
