package app.poison.training;

import app.poison.TestServices;
import java.nio.file.Path;

/** One tiny real model per test JVM, trained on first use and shared by every service test. */
public final class TestModels {
  private static Path tiny;

  private TestModels() {
  }

  public static synchronized Path tiny() {
    if (tiny == null) {
      tiny = TinyModels.trainTiny(TestServices.tempDir()).toAbsolutePath();
    }
    return tiny;
  }
}
