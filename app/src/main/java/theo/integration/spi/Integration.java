package theo.integration.spi;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import theo.auth.IntegrationScopes;

/**
 * One Google integration (Gmail, Calendar...). Implement it as a bean in the integration's own
 * module and the shared controllers serve {@code /api/integrations/{id}/connect}, {@code
 * /disconnect}, {@code /sync}, its part of {@code /api/integrations/status}, its hub card, its
 * settings page (with the {@link #pages} it contributes) and its emulator demo data with no further
 * code outside its module. It states its own facts once, in {@link #profile}; the other accessors
 * read them from there.
 */
public interface Integration {

  /** What it declares about itself: name, scopes and the optional parts it brings. */
  IntegrationProfile profile();

  /**
   * Deletes everything stored for the user by this integration: synced data, sync checkpoints,
   * pending approvals (and whatever they hold at Google, such as drafts). Called on disconnect;
   * must be idempotent.
   */
  void deleteUserData(UUID userId);

  /** The path segment and stable key, e.g. {@code gmail}; also the prefix of its rate limits. */
  default String id() {
    return scopes().integration();
  }

  /** A human name, e.g. "Gmail". */
  default String displayName() {
    return profile().displayName();
  }

  /** Its scopes from the central registry ({@link theo.auth.Scopes}). */
  default IntegrationScopes scopes() {
    return profile().scopes();
  }

  /** Its background sync, if it has one. */
  default Optional<SyncEngine> syncEngine() {
    return profile().syncEngine();
  }

  /** Its push notifications from Google, if it has them (the sync still polls as a safety net). */
  default Optional<PushSource> push() {
    return profile().push();
  }

  /** Its pages of synced data and its settings section ({@link IntegrationPages#none} if none). */
  default IntegrationPages pages() {
    return profile().pages();
  }

  /** What the embedded emulator's demo accounts get of this integration's data at start-up. */
  default List<DemoRequest> demoData() {
    return profile().demoData();
  }
}
