package theo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIRequestContext;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.RequestOptions;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import theo.auth.Scopes;
import theo.emulator.Faults;

/**
 * The settings pages in a real browser against the embedded emulator: the hub's badges, the connect
 * round trip with full and partial consent, disconnecting one integration, the audit log, and every
 * page at phone width.
 */
class IntegrationPagesTests extends BrowserTest {
  private static final Pattern RUNNING_PROGRESS = Pattern.compile("^\\d+ (of \\d+|processed)$");

  @Autowired JdbcClient jdbc;

  @Test
  void integrationPageWhenGoogleRefusedTheGrantThenReconnectAlertStaysUntilReconnected() {
    String email = newAccount();
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      signIn(page, email);
      connect(page, email, "gmail");
      assertThat(page.locator("#reconnect-required")).isHidden();
      // What an invalid_grant on refresh leaves behind: the integration on, the grant unusable.
      jdbc.sql(
              "update google_accounts set reconnect_required = true where user_id ="
                  + " (select id from users where email = :email)")
          .param("email", email)
          .update();

      openIntegration(page, "gmail");

      assertThat(page.locator("#connection-badge")).hasText("Not Connected");
      assertThat(page.locator("#reconnect-required")).isVisible();
      assertThat(page.locator("#reconnect-required")).containsText("Reconnect to continue");
      assertThat(page.locator("#connect-button")).hasText("Reconnect");
      page.reload();
      assertThat(page.locator("#connection-status")).hasAttribute("aria-busy", "false");
      assertThat(page.locator("#reconnect-required")).isVisible();

      page.click("#connect-button");
      authorizeAtEmulator(page, email, List.of());
      returnTo(page, "gmail");
      assertThat(page.locator("#connection-badge")).hasText("Connected");
      assertThat(page.locator("#reconnect-required")).isHidden();
    }
  }

  @Test
  void connectAndDisconnectWhenUserGrantsThenBadgesTokenHealthAndMissingPermissionsFollow() {
    String email = newAccount();
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      // Some mail and events, so the pictures README.md shows have synced data in them.
      generateMailAndEvents(context.request(), email);
      signIn(page, email);

      // The hub: one card per integration, both Not Connected.
      assertThat(badge(page, "gmail")).hasText("Not Connected");
      assertThat(badge(page, "calendar")).hasText("Not Connected");
      assertThat(page.locator("#card-gmail a"))
          .hasAttribute("href", "/settings/integrations/gmail");
      screenshots(page, "hub-not-connected");

      // Gmail, everything granted: Connected, with token health.
      openIntegration(page, "gmail");
      assertThat(page.locator("#connection-badge")).hasText("Not Connected");
      assertThat(page.locator("#token-health")).isHidden();
      assertThat(page.locator("#sync-message")).hasText("Connect to start syncing.");
      screenshots(page, "gmail-not-connected");
      page.click("#connect-button");
      authorizeAtEmulator(page, email, List.of());
      returnTo(page, "gmail");
      assertThat(page.locator("#connection-badge")).hasText("Connected");
      assertThat(page.locator(".toast")).containsText("Connected to Gmail.");
      assertThat(page.locator("#token-refresh")).hasText("Available");
      assertThat(page.locator("#token-expiry"))
          .hasText(java.util.regex.Pattern.compile("^Expires in "));
      assertThat(page.locator("#connection-account")).containsText(email);
      assertThat(page.locator("#missing-permissions")).isHidden();
      assertThat(page.locator("#connect-button")).isHidden();
      assertThat(page.locator("#disconnect-button")).isVisible();
      assertThat(page).hasURL(base() + "/settings/integrations/gmail");
      assertThat(page.locator("#selection-panel")).isVisible();
      assertThat(page.locator("#approvals-panel .approvals-empty")).isVisible();
      assertThat(page.locator("#browse-link"))
          .hasAttribute("href", "/settings/integrations/gmail/mail");
      awaitFirstSyncSucceededAndReload(page);
      screenshots(page, "gmail-connected");

      // Calendar without calendar.events: Limited Access naming the missing permission.
      openIntegration(page, "calendar");
      page.click("#connect-button");
      authorizeAtEmulator(page, email, List.of(Scopes.CALENDAR_EVENTS));
      returnTo(page, "calendar");
      assertThat(page.locator("#connection-badge")).hasText("Limited Access");
      assertThat(page.locator(".toast")).containsText("limited access");
      Locator missing = page.locator("#missing-permissions li:visible");
      assertThat(missing).hasCount(1);
      assertThat(missing).hasText("Create and change events in your calendars");
      assertThat(page.locator("#connect-button")).hasText("Reconnect");
      awaitFirstSyncSucceededAndReload(page);
      screenshots(page, "calendar-limited-access");
      page.navigate(base() + "/settings/integrations");
      assertThat(badge(page, "calendar")).hasText("Limited Access");
      assertThat(badge(page, "gmail")).hasText("Connected");

      // Reconnect granting everything: Connected.
      openIntegration(page, "calendar");
      page.click("#connect-button");
      authorizeAtEmulator(page, email, List.of());
      returnTo(page, "calendar");
      assertThat(page.locator("#connection-badge")).hasText("Connected");
      assertThat(page.locator("#missing-permissions")).isHidden();
      screenshots(page, "calendar-connected");

      // Disconnect Calendar: Not Connected, panels cleared; Gmail stays Connected.
      page.click("#disconnect-button");
      assertThat(page.locator("#connection-badge")).hasText("Not Connected");
      assertThat(page.locator(".toast").last()).containsText("isconnected");
      assertThat(page.locator("#sync-body")).isHidden();
      assertThat(page.locator("#approvals-panel")).isHidden();
      assertThat(page.locator("#token-health")).isHidden();
      page.navigate(base() + "/settings/integrations");
      assertThat(badge(page, "calendar")).hasText("Not Connected");
      assertThat(badge(page, "gmail")).hasText("Connected");
      screenshots(page, "hub");
      Map<?, ?> status = (Map<?, ?>) fetchJson(page, "/api/integrations/status").get("body");
      Map<?, ?> integrations = (Map<?, ?>) status.get("integrations");
      assertThat(((Map<?, ?>) integrations.get("gmail")).get("connected")).isEqualTo(true);
      assertThat(((Map<?, ?>) integrations.get("calendar")).get("connected")).isEqualTo(false);

      // The audit log remembers it, newest first.
      page.navigate(base() + "/settings/audit");
      Locator items = page.locator("#audit-list li");
      assertThat(items.first()).isVisible();
      assertThat(page.locator("#audit-list")).hasAttribute("aria-busy", "false");
      screenshots(page, "audit");
    }
  }

  private void generateMailAndEvents(APIRequestContext admin, String email) {
    String accountAdmin = emulator.baseUrl() + "/emulator/accounts/" + email;
    assertThat(
            admin
                .post(
                    accountAdmin + "/gmail/generate",
                    RequestOptions.create().setData(Map.of("count", 30)))
                .ok())
        .isTrue();
    assertThat(
            admin
                .post(
                    accountAdmin + "/calendar/generate",
                    RequestOptions.create()
                        .setData(Map.of("calendars", 2, "eventsPerCalendar", 20)))
                .ok())
        .isTrue();
  }

  private static void awaitFirstSyncSucceededAndReload(Page page) {
    assertThat(page.locator("#sync-runs li").first())
        .containsText("Succeeded", new LocatorAssertions.ContainsTextOptions().setTimeout(90_000));
    page.reload();
    assertThat(page.locator("#selection-list input[type=checkbox]").first()).isVisible();
  }

  @Test
  void connectWhenUserCancelsAtGoogleThenStillNotConnectedWithErrorToast() {
    String email = newAccount();
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      signIn(page, email);
      openIntegration(page, "gmail");

      page.click("#connect-button");
      page.waitForURL(url -> url.startsWith(emulator.baseUrl()));
      chooseAccountIfAsked(page, email);
      page.locator("button[name=action][value=cancel]").click();
      returnTo(page, "gmail");

      assertThat(page.locator("#connection-badge")).hasText("Not Connected");
      assertThat(page.locator(".toast.error")).isVisible();
      assertThat(page).hasURL(base() + "/settings/integrations/gmail");
    }
  }

  @Test
  void integrationPageWhenUnknownThenNotFoundPage() {
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      signIn(page, newAccount());

      Response response = page.navigate(base() + "/settings/integrations/nope");

      assertThat(response.status()).isEqualTo(404);
      assertThat(page.locator("h1")).hasText("Not found");
      assertThat(page.locator("main")).containsText("nope");
      screenshots(page, "not-found");
    }
  }

  @Test
  void pagesWhenPhoneWidthThenNoHorizontalScrollAndNavigationWorksByKeyboard() {
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      page.navigate(base() + "/");
      screenshots(page, "landing");
      signIn(page, newAccount());

      page.setViewportSize(PHONE_WIDTH, 844);
      for (String path :
          List.of(
              "/settings/integrations",
              "/settings/integrations/gmail",
              "/settings/integrations/calendar",
              "/settings/audit")) {
        page.navigate(base() + path);
        page.waitForLoadState();
        assertNoHorizontalScroll(page);
      }
      screenshots(page, "audit-empty");

      // Keyboard: the skip link comes first, then the navigation.
      page.navigate(base() + "/settings/integrations");
      page.keyboard().press("Tab");
      assertThat(page.locator(":focus")).hasText("Skip to content");
      page.keyboard().press("Tab");
      assertThat(page.locator(":focus")).hasText("Theo");
      page.keyboard().press("Tab");
      assertThat(page.locator(":focus")).hasText("Integrations");
      page.keyboard().press("Tab");
      assertThat(page.locator(":focus")).hasText("Audit log");
      page.keyboard().press("Enter");
      page.waitForURL(base() + "/settings/audit");
      assertThat(page.locator("h1")).hasText("Audit log");
      assertThat(page.locator("#toasts")).hasAttribute("aria-live", "polite");
    }
  }

  @Test
  void auditLogWhenMoreThanOnePageThenNewestFirstAndLoadMoreAppendsTheRest() {
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      signIn(page, newAccount());
      Map<?, ?> user =
          (Map<?, ?>)
              ((Map<?, ?>) fetchJson(page, "/api/integrations/status").get("body")).get("user");
      UUID userId = UUID.fromString((String) user.get("id"));
      Instant start = Instant.parse("2026-01-01T00:00:00Z");
      for (int i = 1; i <= 55; i++) {
        jdbc.sql(
                "insert into audit_events (user_id, occurred_at, action, integration, outcome,"
                    + " detail) values (?, ?, 'integration.sync.succeeded', 'gmail', 'success', ?)")
            .params(userId, Timestamp.from(start.plusSeconds(i)), "entry " + i)
            .update();
      }

      page.navigate(base() + "/settings/audit");

      Locator items = page.locator("#audit-list > li");
      assertThat(items).hasCount(50);
      assertThat(items.first()).containsText("entry 55");
      assertThat(items.first()).containsText("Sync finished");
      assertThat(items.first()).containsText("Gmail");
      assertThat(items.nth(49)).containsText("entry 6");
      page.click("#audit-more");
      assertThat(items).hasCount(55);
      assertThat(items.last()).containsText("entry 1");
      assertThat(page.locator("#audit-more")).isHidden();
      assertThat(page.locator(":focus")).containsText("entry 5");
    }
  }

  @Test
  void browsePagesWhenNothingToShowThenTheySaySoAtEveryWidth() {
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      signIn(page, newAccount());

      page.navigate(base() + "/settings/integrations/gmail/mail");
      assertThat(page.locator("#mail-list")).hasAttribute("aria-busy", "false");
      assertThat(page.locator("#mail-message")).isVisible();
      assertThat(page.locator("#mail-label")).isVisible();
      screenshots(page, "mail-empty");
      page.navigate(base() + "/settings/integrations/gmail/threads/t-1");
      assertThat(page.locator("#thread-messages")).hasAttribute("aria-busy", "false");
      assertThat(page.locator("#thread-message")).isVisible();
      screenshots(page, "thread-empty");
      page.navigate(base() + "/settings/integrations/calendar/events");
      assertThat(page.locator("#agenda")).hasAttribute("aria-busy", "false");
      assertThat(page.locator("#event-message")).isVisible();
      assertThat(page.locator("#event-start")).not().hasValue("");
      screenshots(page, "events-empty");
    }
  }

  @Test
  void syncWhenRunningThenProgressThenCountsAndRuns() {
    String email = newAccount();
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      signIn(page, email);
      openIntegration(page, "calendar");
      // Slow Google down so the sync the connect starts is still running when the page shows.
      emulator
          .context()
          .faults()
          .replace(List.of(new Faults.Rule("/calendar/v3/.*", null, 0, 1500, false, 1.0)));
      try {
        page.click("#connect-button");
        authorizeAtEmulator(page, email, List.of());
        returnTo(page, "calendar");
        if (page.locator("#sync-now").isEnabled()) {
          page.click("#sync-now");
        }

        assertThat(page.locator("#sync-status")).hasText("Running");
        assertThat(page.locator("#sync-progress-bar")).isVisible();
        assertThat(page.locator("#sync-progress-text")).hasText(RUNNING_PROGRESS);
        assertThat(page.locator("#sync-cancel")).isVisible();
        screenshots(page, "calendar-syncing");
      } finally {
        emulator.context().faults().clear();
      }

      assertThat(page.locator("#sync-status"))
          .hasText("Idle", new LocatorAssertions.HasTextOptions().setTimeout(90_000));
      assertThat(page.locator("#sync-progress")).isHidden();
      assertThat(page.locator("#sync-stats dd[data-stat]").first()).isVisible();
      assertThat(page.locator("#sync-runs li").first()).containsText("Succeeded");
      // Runs are told in words, not codes: "Incremental sync (started by you)".
      assertThat(page.locator("#sync-runs li").first())
          .containsText(
              Pattern.compile(
                  "(Sync|Full sync|Incremental sync) \\((after connecting|started by you)\\): \\d+ items"));
      assertThat(page.locator("#sync-last")).not().hasText("Never");
      screenshots(page, "calendar-synced");
    }
  }

  @Test
  void browsePagesWhenMailAndEventsSyncedThenListThreadAgendaAndSelectionShowThem() {
    String email = newAccount();
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      APIRequestContext admin = context.request();
      String accountAdmin = emulator.baseUrl() + "/emulator/accounts/" + email;
      assertThat(
              admin
                  .post(
                      accountAdmin + "/gmail/generate",
                      RequestOptions.create().setData(Map.of("count", 30)))
                  .ok())
          .isTrue();
      assertThat(
              admin
                  .post(
                      accountAdmin + "/calendar/generate",
                      RequestOptions.create()
                          .setData(Map.of("calendars", 2, "eventsPerCalendar", 20)))
                  .ok())
          .isTrue();
      signIn(page, email);
      for (String integration : List.of("gmail", "calendar")) {
        connect(page, email, integration);
        assertThat(page.locator("#sync-runs li").first())
            .containsText(
                "Succeeded", new LocatorAssertions.ContainsTextOptions().setTimeout(90_000));
        page.reload();
        assertThat(page.locator("#selection-list input[type=checkbox]").first()).isVisible();
      }

      page.navigate(base() + "/settings/integrations/gmail/mail");
      Locator messages = page.locator("#mail-list > li");
      assertThat(messages.first()).isVisible();
      assertThat(page.locator("#mail-count")).containsText(" of ");
      screenshots(page, "mail");
      messages.first().locator("a").click();
      page.waitForURL(url -> url.startsWith(base() + "/settings/integrations/gmail/threads/"));
      assertThat(page.locator("#thread-messages > li").first()).isVisible();
      assertThat(page.locator("#thread-subject")).not().hasText("Conversation");
      screenshots(page, "thread");

      page.navigate(base() + "/settings/integrations/calendar/events");
      page.fill("#event-start", "");
      page.fill("#event-end", "");
      page.click("#event-filters button[type=submit]");
      assertThat(page.locator("#agenda section h2").first()).isVisible();
      assertThat(page.locator("#agenda li").first()).isVisible();
      screenshots(page, "events");

      // Calendar selection: a change is saved.
      page.navigate(base() + "/settings/integrations/calendar");
      Locator firstCalendar = page.locator("#selection-list input[type=checkbox]").first();
      boolean wasSelected = firstCalendar.isChecked();
      firstCalendar.click();
      assertThat(page.locator(".toast").last())
          .containsText(wasSelected ? "will not be synced" : "will be synced");
      screenshots(page, "calendar-selection");
    }
  }

  @Test
  void maxAgeWhenSavedThenSyncKeepsOnlyRecentMailAndWhenClearedTheWholeMailbox() {
    String email = newAccount();
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      assertThat(
              context
                  .request()
                  .post(
                      emulator.baseUrl() + "/emulator/accounts/" + email + "/gmail/generate",
                      RequestOptions.create().setData(Map.of("count", 80, "seed", 11)))
                  .ok())
          .isTrue();
      signIn(page, email);
      connect(page, email, "gmail");
      assertThat(page.locator("#sync-runs li").first())
          .containsText(
              "Succeeded", new LocatorAssertions.ContainsTextOptions().setTimeout(90_000));
      long whole = emailCount(page);
      assertThat(page.locator("#max-age-days")).hasValue("");

      page.fill("#max-age-days", "90");
      page.click("#max-age-form button[type=submit]");
      assertThat(page.locator(".toast").first())
          .containsText("Theo now keeps mail from the last 90 days.");
      awaitNewSucceededRun(page, 1);
      long recent = emailCount(page);
      screenshots(page, "gmail-max-age");

      assertThat(recent).isPositive().isLessThan(whole);
      Map<?, ?> settings =
          (Map<?, ?>) fetchJson(page, "/api/integrations/gmail/settings").get("body");
      assertThat(settings.get("maxAgeDays")).isEqualTo(90);
      page.reload();
      assertThat(page.locator("#max-age-days")).hasValue("90");

      page.fill("#max-age-days", "0");
      page.click("#max-age-form button[type=submit]");
      assertThat(page.locator(".toast").last()).containsText("whole number of days");
      page.fill("#max-age-days", "");
      page.click("#max-age-form button[type=submit]");
      assertThat(page.locator(".toast").last()).containsText("Sync started.");
      awaitNewSucceededRun(page, 2);
      assertThat(emailCount(page)).isEqualTo(whole);
    }
  }

  /** The stored message count the sync endpoint reports. */
  private static long emailCount(Page page) {
    Map<?, ?> sync = (Map<?, ?>) fetchJson(page, "/api/integrations/gmail/sync").get("body");
    return ((Number) ((Map<?, ?>) sync.get("stats")).get("emailCount")).longValue();
  }

  /** Waits until {@code runs} more runs than the connect's one have succeeded. */
  private static void awaitNewSucceededRun(Page page, int runs) {
    assertThat(page.locator("#sync-runs li .badge[data-state=succeeded]"))
        .hasCount(runs + 1, new LocatorAssertions.HasCountOptions().setTimeout(90_000));
    assertThat(page.locator("#sync-status"))
        .hasText("Idle", new LocatorAssertions.HasTextOptions().setTimeout(90_000));
  }

  private static Locator badge(Page page, String integration) {
    return page.locator("#card-" + integration + " [data-role=badge]");
  }
}
