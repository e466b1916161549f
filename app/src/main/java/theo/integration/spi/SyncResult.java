package theo.integration.spi;

/**
 * What a finished run did: the type it actually ran (an incremental run may fall back to a full
 * one), and how many items it processed.
 */
public record SyncResult(SyncType ranAs, long processed) {}
