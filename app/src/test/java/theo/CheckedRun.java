package theo;

import java.util.ArrayList;
import java.util.List;
import theo.integration.spi.SyncCancelledException;
import theo.integration.spi.SyncRun;

/**
 * A sync run for engine tests: records each progress report and is cancelled at the given
 * cancellation check (0 = never).
 */
public final class CheckedRun implements SyncRun {
  public final List<Long> progress = new ArrayList<>();
  private final int cancelAtCheck;
  private int checks;

  public CheckedRun(int cancelAtCheck) {
    this.cancelAtCheck = cancelAtCheck;
  }

  public CheckedRun() {
    this(0);
  }

  @Override
  public void progress(long processed, long total) {
    progress.add(processed);
  }

  @Override
  public void checkCancelled() {
    if (++checks == cancelAtCheck) {
      throw new SyncCancelledException();
    }
  }
}
