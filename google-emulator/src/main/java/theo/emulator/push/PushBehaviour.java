package theo.emulator.push;

/**
 * How notifications misbehave, globally or for one account: a delay before the first attempt, a
 * share dropped (never sent), a number of next notifications dropped, a share sent twice, and a
 * window during which notifications are held and then sent newest first.
 */
public record PushBehaviour(
    long delayMs, double dropRate, int dropNext, double duplicateRate, long reorderWindowMs) {

  public static final PushBehaviour NORMAL = new PushBehaviour(0, 0, 0, 0, 0);

  public PushBehaviour {
    if (delayMs < 0 || reorderWindowMs < 0 || dropNext < 0) {
      throw new IllegalArgumentException("delayMs, dropNext and reorderWindowMs must be >= 0");
    }
    if (dropRate < 0 || dropRate > 1 || duplicateRate < 0 || duplicateRate > 1) {
      throw new IllegalArgumentException("dropRate and duplicateRate must be between 0 and 1");
    }
  }

  PushBehaviour withDropNext(int next) {
    return new PushBehaviour(delayMs, dropRate, next, duplicateRate, reorderWindowMs);
  }
}
