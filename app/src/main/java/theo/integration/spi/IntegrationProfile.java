package theo.integration.spi;

import java.util.List;
import java.util.Optional;
import theo.auth.IntegrationScopes;

/**
 * What an integration declares about itself, in one value: its name, its scopes, the optional parts
 * it brings (a sync engine, push notifications, pages, emulator demo data). Start from {@link #of}
 * with the two facts every integration has and add only what it has:
 *
 * <pre>{@code
 * IntegrationProfile.of("Drive", Scopes.DRIVE_INTEGRATION).syncedBy(engine).withPages(pages)
 * }</pre>
 *
 * @param displayName a human name, e.g. "Gmail"
 * @param scopes its scopes from the central registry ({@link theo.auth.Scopes}); their integration
 *     key is the integration's {@link Integration#id}
 * @param syncEngine its background sync, if it has one
 * @param push its push notifications from Google, if it has them (the sync still polls as a safety
 *     net)
 * @param pages its pages of synced data and its settings section ({@link IntegrationPages#none} if
 *     none)
 * @param demoData what the embedded emulator's demo accounts get of its data at start-up (when
 *     {@code theo.google.emulator.demo-data} is on)
 */
public record IntegrationProfile(
    String displayName,
    IntegrationScopes scopes,
    Optional<SyncEngine> syncEngine,
    Optional<PushSource> push,
    IntegrationPages pages,
    List<DemoRequest> demoData) {

  public IntegrationProfile {
    demoData = List.copyOf(demoData);
  }

  /** An integration with only a name and scopes: no sync, no push, no pages, no demo data. */
  public static IntegrationProfile of(String displayName, IntegrationScopes scopes) {
    return new IntegrationProfile(
        displayName,
        scopes,
        Optional.empty(),
        Optional.empty(),
        IntegrationPages.none(),
        List.of());
  }

  /** This profile with {@code engine} as its background sync. */
  public IntegrationProfile syncedBy(SyncEngine engine) {
    return new IntegrationProfile(displayName, scopes, Optional.of(engine), push, pages, demoData);
  }

  /** This profile with {@code source} as its push notifications. */
  public IntegrationProfile pushedBy(PushSource source) {
    return new IntegrationProfile(
        displayName, scopes, syncEngine, Optional.of(source), pages, demoData);
  }

  /** This profile with its pages of synced data and settings section. */
  public IntegrationProfile withPages(IntegrationPages integrationPages) {
    return new IntegrationProfile(
        displayName, scopes, syncEngine, push, integrationPages, demoData);
  }

  /** This profile with the demo data the emulator's demo accounts get. */
  public IntegrationProfile withDemoData(DemoRequest... requests) {
    return new IntegrationProfile(displayName, scopes, syncEngine, push, pages, List.of(requests));
  }
}
