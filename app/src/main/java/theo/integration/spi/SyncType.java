package theo.integration.spi;

/** What a sync run fetches: everything, the changes since the last run, or the engine's choice. */
public enum SyncType {
  AUTO,
  FULL,
  INCREMENTAL
}
