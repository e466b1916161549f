package theo.gmail;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code theo.gmail.*}: the quotas Theo paces itself to, per user ({@code quota.units-per-minute},
 * Google's 6,000 by default) and for the whole Google project ({@code
 * quota.project-units-per-minute}, 1,200,000), 0 switching either off; and how many batch requests
 * of one sync run in parallel.
 */
@ConfigurationProperties("theo.gmail")
record GmailProperties(Quota quota, Integer parallelBatches) {
  @SuppressWarnings("NullAway") // Spring binds what is not configured as null; defaults here
  GmailProperties {
    if (quota == null) {
      quota = new Quota(null, null);
    }
    if (parallelBatches == null) {
      parallelBatches = 4;
    }
    if (parallelBatches < 1) {
      throw new IllegalArgumentException("theo.gmail.parallel-batches must be at least 1");
    }
  }

  /** The per-user and per-project ceilings in Gmail quota units per minute. */
  record Quota(Integer unitsPerMinute, Integer projectUnitsPerMinute) {
    Quota {
      if (unitsPerMinute == null) {
        unitsPerMinute = GmailQuota.DEFAULT_USER_UNITS_PER_MINUTE;
      }
      if (projectUnitsPerMinute == null) {
        projectUnitsPerMinute = GmailQuota.DEFAULT_PROJECT_UNITS_PER_MINUTE;
      }
      if (unitsPerMinute < 0 || projectUnitsPerMinute < 0) {
        throw new IllegalArgumentException("theo.gmail.quota.*units-per-minute must be >= 0");
      }
    }
  }
}
