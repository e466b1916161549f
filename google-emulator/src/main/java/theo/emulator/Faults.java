package theo.emulator;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * Injected faults: per path pattern (a regular expression matched against the whole request path),
 * at a rate between 0 and 1, answer with a status, add a delay, or reset the connection.
 */
public final class Faults {
  private final List<Rule> rules = new CopyOnWriteArrayList<>();

  public void replace(List<Rule> newRules) {
    rules.clear();
    rules.addAll(newRules);
  }

  public void clear() {
    rules.clear();
  }

  public List<Rule> rules() {
    return List.copyOf(rules);
  }

  /** The first rule that matches and fires for this request, if any. */
  public Optional<Rule> pick(String method, String path) {
    for (Rule rule : rules) {
      if (rule.matches(method, path)
          && (rule.rate() >= 1.0 || ThreadLocalRandom.current().nextDouble() < rule.rate())) {
        return Optional.of(rule);
      }
    }
    return Optional.empty();
  }

  /**
   * One fault. {@code status} 0 means "no status fault" (a delay-only rule lets the request through
   * after the delay); {@code method} null matches every method.
   */
  public record Rule(
      String pathPattern, String method, int status, long delayMs, boolean reset, double rate) {
    public Rule {
      Pattern.compile(pathPattern);
      if (rate < 0 || rate > 1) {
        throw new IllegalArgumentException("rate must be between 0 and 1");
      }
      if (status != 0 && (status < 400 || status > 599)) {
        throw new IllegalArgumentException("status must be a 4xx or 5xx code");
      }
      if (delayMs < 0) {
        throw new IllegalArgumentException("delayMs must not be negative");
      }
    }

    boolean matches(String requestMethod, String path) {
      return (method == null || method.equalsIgnoreCase(requestMethod))
          && Pattern.compile(pathPattern).matcher(path).matches();
    }
  }
}
