package theo.gmail;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code theo.gmail.*}: the per-user quota Theo paces itself to ({@code quota.units-per-minute},
 * Google's 6,000 by default; 0 switches pacing off) and how many batch requests of one sync run in
 * parallel.
 */
@ConfigurationProperties("theo.gmail")
record GmailProperties(Quota quota, Integer parallelBatches) {
  GmailProperties {
    if (quota == null) {
      quota = new Quota(null);
    }
    if (parallelBatches == null) {
      parallelBatches = 4;
    }
    if (parallelBatches < 1) {
      throw new IllegalArgumentException("theo.gmail.parallel-batches must be at least 1");
    }
  }

  /** The per-user ceiling in Gmail quota units per minute. */
  record Quota(Integer unitsPerMinute) {
    Quota {
      if (unitsPerMinute == null) {
        unitsPerMinute = GmailQuota.DEFAULT_USER_UNITS_PER_MINUTE;
      }
      if (unitsPerMinute < 0) {
        throw new IllegalArgumentException("theo.gmail.quota.units-per-minute must be >= 0");
      }
    }
  }
}
