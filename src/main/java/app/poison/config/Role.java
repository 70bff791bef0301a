package app.poison.config;

import java.util.Locale;

/** Which part of the system a process runs. */
public enum Role {
  ALL, API, WORKER;

  public boolean servesApi() {
    return this != WORKER;
  }

  public boolean runsInference() {
    return this != API;
  }

  static Role parse(String value) {
    return Role.valueOf(value.trim().toUpperCase(Locale.ROOT));
  }
}
