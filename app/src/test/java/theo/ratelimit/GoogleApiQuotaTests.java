package theo.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class GoogleApiQuotaTests {
  private final UUID user = UUID.randomUUID();

  @Test
  void claimsWhenTheApiHasAProjectCeilingThenTheUserAndTheOneProjectKeyPayTheSameUnits() {
    GoogleApiQuota gmail = GoogleApiQuota.perMinute("gmail", 6_000, 1_200_000);

    assertThat(gmail.claims(user, 5))
        .extracting(QuotaBudget.Claim::budgetKey, QuotaBudget.Claim::units)
        .containsExactly(tuple("gmailUser:" + user, 5L), tuple("gmailProject:project", 5L));
  }

  @Test
  void claimsWhenOnlyTheUserIsPacedThenOnlyTheUserPays() {
    GoogleApiQuota calendar = GoogleApiQuota.perUserPerMinute("calendar", 600);

    assertThat(calendar.claims(user, 1))
        .extracting(QuotaBudget.Claim::budgetKey)
        .containsExactly("calendarUser:" + user);
  }

  @Test
  void withUserCeilingThenSameQuotaNamesAndProjectOnlyTheUsersCeilingChanges() {
    GoogleApiQuota drive = GoogleApiQuota.perMinute("drive", 12_000, 1_000_000);

    GoogleApiQuota unpaced = drive.withUserCeiling(0);

    assertThat(unpaced.perUser().name()).isEqualTo("driveUser");
    assertThat(unpaced.perUser().ceiling()).isZero();
    assertThat(unpaced.perUser().window()).isEqualTo(drive.perUser().window());
    assertThat(unpaced.perProject()).isEqualTo(drive.perProject());
  }
}
