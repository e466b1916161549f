package theo.integration.spi;

/**
 * An engine's counts for the sync status answer ({@code stats}), as the engine's own record, e.g.
 * {@code {emailCount, unreadCount, ...}}.
 */
public interface SyncStats {

  /** The stats of an integration without a sync engine: {@code {}}. */
  SyncStats NONE = new None();

  /** No counts. */
  record None() implements SyncStats {}
}
