package theo;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {
  private final ApplicationModules modules = ApplicationModules.of(TheoApplication.class);

  @Test
  void verifyWhenModulesDependOnlyOnPublicApisThenPasses() {
    modules.verify();
  }
}
