package theo.ratelimit;

import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The ceilings Google sets on one of its APIs: units per user per minute and, for some APIs, units
 * per minute for the whole Google project. One Theo deployment is one Google project, so every
 * instance draws the project's units from one key; quota names are {@code <api>User} and {@code
 * <api>Project}, the keys the shared budget stores.
 */
public record GoogleApiQuota(Quota perUser, @Nullable Quota perProject) {
  private static final String PROJECT = "project";

  /** An API with a per-user and a per-project ceiling, e.g. Gmail's 6,000 and 1,200,000 units. */
  public static GoogleApiQuota perMinute(String api, long userCeiling, long projectCeiling) {
    return new GoogleApiQuota(
        Quota.perMinute(api + "User", userCeiling),
        Quota.perMinute(api + "Project", projectCeiling));
  }

  /** An API whose project ceiling Theo never comes near, so only the user's is paced. */
  public static GoogleApiQuota perUserPerMinute(String api, long userCeiling) {
    return new GoogleApiQuota(Quota.perMinute(api + "User", userCeiling), null);
  }

  /** The same quota with another per-user ceiling (0: no pacing). */
  public GoogleApiQuota withUserCeiling(long userCeiling) {
    return new GoogleApiQuota(new Quota(perUser.name(), userCeiling, perUser.window()), perProject);
  }

  /** The claims of one call by the user that costs {@code units}: the user's and the project's. */
  public List<QuotaBudget.Claim> claims(UUID userId, long units) {
    QuotaBudget.Claim user = perUser.claim(userId.toString(), units);
    return perProject == null ? List.of(user) : List.of(user, perProject.claim(PROJECT, units));
  }
}
