package theo.integration.spi;

/** The running sync as an engine sees it: report progress, notice cancellation. */
public interface SyncRun {

  /** Records progress ({@code total} may be unknown: -1); cheap enough to call per page. */
  void progress(long processed, long total);

  /**
   * Throws {@link SyncCancelledException} when someone stopped this run (or disconnected the
   * integration); engines call it between pages, after committing what they have.
   */
  void checkCancelled();
}
