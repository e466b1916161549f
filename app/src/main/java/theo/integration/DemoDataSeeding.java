package theo.integration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;
import theo.integration.spi.DemoRequest;
import theo.platform.EmulatorDemoData;

/**
 * Gives the embedded emulator's demo accounts each integration's demo data once every bean exists,
 * before the web server and the sync scheduler start.
 */
@Component
record DemoDataSeeding(Integrations integrations, ObjectProvider<EmulatorDemoData> emulator)
    implements SmartInitializingSingleton {
  @Override
  public void afterSingletonsInstantiated() {
    emulator.ifAvailable(
        admin ->
            integrations.all().stream()
                .flatMap(integration -> integration.demoData().stream())
                .forEach(request -> post(admin, request)));
  }

  private static void post(EmulatorDemoData admin, DemoRequest request) {
    admin.post(request.account(), request.path(), request.jsonBody());
  }
}
