package theo.integration.spi;

/** Ends a sync run that was stopped on request; what was committed before stays. */
public class SyncCancelledException extends RuntimeException {
  public SyncCancelledException() {
    super("Sync cancelled");
  }
}
