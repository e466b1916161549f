package theo.drive;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code theo.drive.*}: Google's per-user Drive quota the sync paces itself below ({@code
 * quota.requests-per-minute}, 12,000 as Google's default; {@code
 * quota.project-requests-per-minute}, 12,000, for all users together) and the largest text file
 * whose content is kept ({@code content.max-bytes}, 1 MB).
 */
@ConfigurationProperties("theo.drive")
record DriveProperties(Quota quota, Content content) {

  DriveProperties {
    quota = quota == null ? new Quota(0, 0) : quota;
    content = content == null ? new Content(0, 0) : content;
  }

  /**
   * Google's queries per minute, per user and for the whole Google project (every user's syncs
   * together); the shared budget never lets more through.
   */
  record Quota(int requestsPerMinute, int projectRequestsPerMinute) {
    Quota {
      requestsPerMinute = requestsPerMinute <= 0 ? 12_000 : requestsPerMinute;
      projectRequestsPerMinute = projectRequestsPerMinute <= 0 ? 12_000 : projectRequestsPerMinute;
    }
  }

  /**
   * Text files larger than {@code maxBytes} keep their metadata only; {@code parallelDownloads}
   * texts of one sync are fetched at once (Drive has no batch for file bytes).
   */
  record Content(long maxBytes, int parallelDownloads) {
    Content {
      maxBytes = maxBytes <= 0 ? 1_048_576 : maxBytes;
      parallelDownloads = parallelDownloads <= 0 ? 8 : parallelDownloads;
    }
  }
}
