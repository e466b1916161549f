package theo.calendar;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static theo.calendar.CalendarTesting.userWithCalendars;

import com.google.api.services.calendar.Calendar;
import com.google.api.services.calendar.model.CalendarList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import theo.TheoTest;
import theo.emulator.Faults;
import theo.emulator.GoogleEmulator;
import theo.google.GoogleNotFoundException;

@TheoTest
class CalendarApiTests {
  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;
  @Autowired CalendarApi api;

  @AfterEach
  void clearFaults() {
    emulator.context().faults().clear();
  }

  @Test
  void executeWhenManyRequestsAtOnceThenAllPassWithoutThrottling() throws Exception {
    GoogleUser user = userWithCalendars(emulator, port, 1, 0);
    Calendar client = api.client(user.userId);
    long throttled = emulator.stats().get("calendar.throttled");

    // Under the per-user ceiling the shared budget lets every request through at once; that it
    // holds requests past the ceiling, across instances too, is QuotaBudgetTests' subject.
    for (int i = 0; i < 40; i++) {
      assertThat(api.execute(user.userId, client.calendarList().list()).getItems()).isNotEmpty();
    }

    assertThat(emulator.stats().get("calendar.throttled")).isEqualTo(throttled);
  }

  @Test
  void executeWhenGoogleAnswers503ThenRetriedWithBackoffUntilItSucceeds() throws Exception {
    GoogleUser user = userWithCalendars(emulator, port, 2, 0);
    Calendar client = api.client(user.userId);
    emulator
        .context()
        .faults()
        .replace(
            List.of(
                new Faults.Rule("/calendar/v3/users/me/calendarList", "GET", 503, 0, false, 1.0)));
    long started = System.nanoTime();

    CompletableFuture<CalendarList> list =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return api.execute(user.userId, client.calendarList().list());
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(300);
    assertThat(list).isNotDone();
    emulator.context().faults().clear();

    assertThat(list.get(30, TimeUnit.SECONDS).getItems()).hasSize(2);
    assertThat((System.nanoTime() - started) / 1_000_000).isGreaterThanOrEqualTo(300);
  }

  @Test
  void executeWhenNotFoundThenThrownAtOnceWithoutRetry() throws Exception {
    GoogleUser user = userWithCalendars(emulator, port, 1, 0);
    Calendar client = api.client(user.userId);
    long requests = emulator.stats().get("calendar.requests");

    assertThatThrownBy(() -> api.execute(user.userId, client.events().get("primary", "nope")))
        .isInstanceOfSatisfying(
            GoogleNotFoundException.class, e -> assertThat(e.status()).isEqualTo(404));
    assertThat(emulator.stats().get("calendar.requests")).isEqualTo(requests + 1);
  }
}
