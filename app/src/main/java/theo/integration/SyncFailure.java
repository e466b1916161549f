package theo.integration;

import java.sql.SQLException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataAccessException;
import theo.google.GoogleException;
import theo.platform.RefusedException;

/**
 * Why a sync run failed, in words a person can act on: what a run stores as its error and the page
 * shows. Never the exception's own message, which for database errors holds SQL (and, from some
 * drivers, the rows themselves). {@link #operatorSummary} is the matching line for the log.
 */
enum SyncFailure {
  STORAGE(
      "Theo could not save what it read from Google, so this sync stopped. It tries again at the"
          + " next sync; if this keeps happening, tell whoever runs Theo."),
  UNEXPECTED(
      "The sync stopped on an unexpected problem. Try Sync now again; if this keeps happening,"
          + " tell whoever runs Theo.");

  private static final int MAX_SUMMARY = 300;

  private final String words;

  SyncFailure(String words) {
    this.words = words;
  }

  /**
   * The words for {@code failure}: an error that already speaks to the person (a refused request, a
   * Google grant to reconnect) keeps its message; every other family gets its sentence.
   */
  static String wordsFor(Throwable failure) {
    for (Throwable e = failure; e != null; e = e.getCause()) {
      if (e instanceof RefusedException || e instanceof GoogleException) {
        return Objects.requireNonNullElse(e.getMessage(), of(failure).words);
      }
    }
    return of(failure).words;
  }

  static SyncFailure of(Throwable failure) {
    for (Throwable e = failure; e != null; e = e.getCause()) {
      if (e instanceof DataAccessException || e instanceof SQLException) {
        return STORAGE;
      }
    }
    return UNEXPECTED;
  }

  /**
   * For the log: the exception types down the cause chain and, for database errors, the SQL state
   * and the server's one-line message (the connection is opened with {@code
   * logServerErrorDetail=false}, so neither the failing row nor statement parameters are in it).
   */
  static String operatorSummary(Throwable failure) {
    StringBuilder summary = new StringBuilder();
    for (Throwable e = failure; e != null && summary.length() < MAX_SUMMARY; e = e.getCause()) {
      if (!summary.isEmpty()) {
        summary.append(" <- ");
      }
      summary.append(e.getClass().getSimpleName());
      if (e instanceof SQLException sql && !(e.getCause() instanceof SQLException)) {
        summary
            .append(" [")
            .append(sql.getSQLState())
            .append("] ")
            .append(firstLine(sql.getMessage()));
      }
      if (e.getCause() == e) {
        break;
      }
    }
    return summary.length() > MAX_SUMMARY ? summary.substring(0, MAX_SUMMARY) : summary.toString();
  }

  private static String firstLine(@Nullable String message) {
    if (message == null) {
      return "";
    }
    int end = message.indexOf('\n');
    return end < 0 ? message : message.substring(0, end);
  }
}
