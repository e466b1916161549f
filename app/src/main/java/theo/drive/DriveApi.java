package theo.drive;

import com.google.api.client.googleapis.services.AbstractGoogleClientRequest;
import com.google.api.services.drive.Drive;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;
import theo.google.GoogleApi;
import theo.google.GoogleApis;
import theo.ratelimit.GoogleApiQuota;
import theo.ratelimit.QuotaBudget;

/**
 * Google's Drive client for a user (built by the Google module from this module's {@link #DRIVE}),
 * and the one way the sync executes its requests: every attempt first reserves one request of the
 * user's and of the project's per-minute quota in the shared budget, then is retried and classified
 * by the Google module.
 */
@Component
class DriveApi {
  static final GoogleApi DRIVE =
      new GoogleApi("drive", "Google Drive", "https://www.googleapis.com/");

  private final GoogleApis google;
  private final QuotaBudget budget;
  private final GoogleApiQuota quota;
  private final AtomicLong attempts = new AtomicLong();

  DriveApi(GoogleApis google, QuotaBudget budget, DriveProperties properties) {
    this.google = google;
    this.budget = budget;
    this.quota =
        GoogleApiQuota.perMinute(
            "drive",
            properties.quota().requestsPerMinute(),
            properties.quota().projectRequestsPerMinute());
  }

  Drive client(UUID userId) {
    return google.client(userId, DRIVE, Drive.Builder::new, Drive.Builder::build);
  }

  /**
   * Executes the request as the user, waiting for the user's quota before every attempt.
   *
   * @throws theo.google.GoogleException when it fails for good
   */
  <T> T execute(UUID userId, AbstractGoogleClientRequest<T> request) {
    return google.call(
        DRIVE.service(),
        () -> {
          try (QuotaBudget.Reservation ignored = budget.reserve(quota.claims(userId, 1))) {
            attempts.incrementAndGet();
            return request.execute();
          }
        });
  }

  /**
   * Downloads a file's bytes (its media, or an export) as the user and decodes them as UTF-8 text
   * of at most {@code maxBytes}; null when it is larger or not text.
   */
  @Nullable String text(UUID userId, Media request, long maxBytes) {
    return google
        .call(
            DRIVE.service(),
            () -> {
              try (QuotaBudget.Reservation ignored = budget.reserve(quota.claims(userId, 1));
                  InputStream in = request.open()) {
                attempts.incrementAndGet();
                return Optional.ofNullable(DriveSyncEngine.decode(in, maxBytes));
              }
            })
        .orElse(null);
  }

  /**
   * A request for a file's bytes, e.g. {@code client.files().export(id,
   * type)::executeMediaAsInputStream}.
   */
  @FunctionalInterface
  interface Media {
    InputStream open() throws IOException;
  }

  /** Requests sent to Drive since start (every attempt counts): the benchmark's figure. */
  long requestsSent() {
    return attempts.get();
  }
}
