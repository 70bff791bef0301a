package app.poison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCommandsTest {
  @Test
  void parsesDoubleDashOptions() {
    assertEquals(Map.of("data", "d", "epochs", "3"), ModelCommands.parse(new String[] {"--data", "d", "--epochs", "3"}));
    assertNull(ModelCommands.parse(new String[] {"--data"}));
    assertNull(ModelCommands.parse(new String[] {"data", "d"}));
  }

  @Test
  void missingOrMalformedOptionsAreAUsageError() {
    assertEquals(Main.EXIT_USAGE, ModelCommands.train(new String[] {"--data", "d"}));
    assertEquals(Main.EXIT_USAGE, ModelCommands.train(new String[] {"--data", "d", "--out", "o", "--epochs", "many"}));
    assertEquals(Main.EXIT_USAGE, ModelCommands.eval(new String[] {"--model", "m"}));
  }
}
