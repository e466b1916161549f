package theo.integration.spi;

/**
 * What a run has processed so far across its passes, reported to the run at each addition (the
 * total is unknown: -1). Engines whose passes each count their own pages share one, and hand only
 * it to each pass: it also answers whether the run was cancelled.
 */
public final class RunProgress {
  private final SyncRun run;
  private long processed;

  public RunProgress(SyncRun run) {
    this.run = run;
  }

  /** Adds {@code count} items and reports the new sum. */
  public synchronized void add(long count) {
    processed += count;
    run.progress(processed, -1);
  }

  /** The run's {@link SyncRun#checkCancelled}: throws when someone stopped it. */
  public void checkCancelled() {
    run.checkCancelled();
  }

  public synchronized long processed() {
    return processed;
  }
}
