package theo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The approvals panel of the integration pages in Chromium: shown only while connected, pending
 * emails and events with their details, approve acts at Google, reject leaves Google untouched.
 */
class ApprovalPanelTests extends BrowserTest {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  @Test
  void gmailPanelWhenApproveAndRejectClickedThenOneEmailSentAndTheOtherDraftDeleted() {
    String email = newAccount();
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      signIn(page, email);
      openIntegration(page, "gmail");
      Locator panel = page.locator("#approvals-panel");
      assertThat(panel).isHidden();

      connect(page, email, "gmail");
      // The first sync finished first, so the picture README.md shows is not caught mid-run.
      assertThat(page.locator("#sync-runs li").first())
          .containsText(
              "Succeeded", new LocatorAssertions.ContainsTextOptions().setTimeout(90_000));
      page.reload();
      assertThat(panel).hasAttribute("data-loaded", "true");
      assertThat(panel.locator(".approvals-empty")).isVisible();
      String longLine = "https://example.com/" + "a".repeat(300);
      String sendId = proposeEmail(page, "Send me", "Hi Bob,\n\nthe figures: " + longLine);
      proposeEmail(page, "Drop me", "Hi");
      // The page does not poll: Refresh reloads the connection and the panels with it.
      page.click("#refresh-button");

      Locator items = panel.locator(".approval");
      assertThat(items).hasCount(2);
      assertThat(panel.locator(".approvals-empty")).isHidden();
      Locator send = items.filter(hasText("Send me"));
      Locator drop = items.filter(hasText("Drop me"));
      assertThat(send).hasAttribute("data-id", sendId);
      assertThat(send.locator(".approval-title")).hasText("Send an email");
      assertThat(send.locator(field("to"))).hasText("bob@example.com");
      assertThat(send.locator(field("cc"))).hasText("carol@example.com");
      assertThat(send.locator(field("subject"))).hasText("Send me");
      assertThat(send.locator(field("body"))).containsText(longLine);
      assertThat(send.locator(".approval-expiry")).hasText(Pattern.compile("^Expires in 23 h "));
      assertThat(send.locator(".approval-conflicts")).isHidden();
      assertThat(send.locator("button.approve")).hasAccessibleName("Approve");
      assertThat(send.locator("button.approve")).hasAccessibleDescription("Send an email Send me");
      screenshots(page, "gmail-approval");

      // By keyboard: the label leads to the note, Tab to Approve, Enter decides.
      send.locator("label").click();
      assertThat(send.locator(".approval-note")).isFocused();
      page.keyboard().type("Looks right");
      page.keyboard().press("Tab");
      assertThat(send.locator("button.approve")).isFocused();
      page.keyboard().press("Enter");
      assertThat(send).hasAttribute("data-status", "executed");
      assertThat(send.locator(".approval-outcome")).hasText("Approved: the email was sent.");
      assertThat(send.locator(".approval-outcome")).isFocused();
      assertThat(send.locator("button.approve")).isHidden();
      drop.locator("button.reject").click();
      assertThat(drop).hasAttribute("data-status", "rejected");
      assertThat(drop.locator(".approval-outcome"))
          .hasText("Rejected: nothing was sent or changed.");

      JsonNode mailbox = gmailSummary(page, email);
      assertThat(mailbox.path("labels").path("SENT").asLong(0)).isEqualTo(1);
      assertThat(mailbox.get("drafts").asInt()).isZero();
      Map<?, ?> sent =
          (Map<?, ?>) fetchJson(page, "/api/integrations/gmail/approvals/" + sendId).get("body");
      assertThat(((Map<?, ?>) sent.get("approval")).get("notes")).isEqualTo("Looks right");

      page.reload();
      assertThat(panel).hasAttribute("data-loaded", "true");
      assertThat(items).hasCount(0);
      assertThat(panel.locator(".approvals-empty")).isVisible();

      page.click("#disconnect-button");
      assertThat(page.locator("#connection-badge")).hasText("Not Connected");
      assertThat(panel).isHidden();
      page.reload();
      assertThat(page.locator("#connection-status")).hasAttribute("aria-busy", "false");
      assertThat(panel).isHidden();
    }
  }

  @Test
  void calendarPanelWhenEventOverlapsThenConflictListedAndApprovingACancelledOneToastsWhy() {
    String email = newAccount();
    Instant nine = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS);
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      signIn(page, email);
      connect(page, email, "calendar");
      Locator panel = page.locator("#approvals-panel");
      assertThat(panel.locator(".approvals-empty")).isVisible();

      proposeEvent(page, "Standup", nine, nine.plus(1, ChronoUnit.HOURS));
      page.click("#refresh-button");
      Locator standup = panel.locator(".approval").filter(hasText("Standup"));
      assertThat(standup.locator(".approval-title")).hasText("Create an event");
      assertThat(standup.locator(field("title"))).hasText("Standup");
      assertThat(standup.locator(field("location"))).hasText("Room 1");
      assertThat(standup.locator(field("attendees"))).hasText("bob@example.com");
      standup.locator("button.approve").click();
      assertThat(standup).hasAttribute("data-status", "executed");
      assertThat(standup.locator(".approval-outcome")).hasText("Approved: the event was created.");

      String dentist =
          proposeEvent(
              page,
              "Dentist",
              nine.plus(30, ChronoUnit.MINUTES),
              nine.plus(90, ChronoUnit.MINUTES));
      page.click("#refresh-button");
      Locator item = panel.locator(".approval[data-id='" + dentist + "']");
      assertThat(item.locator(".approval-conflicts")).isVisible();
      assertThat(item.locator(".approval-conflicts li")).hasCount(1);
      assertThat(item.locator(".approval-conflicts li")).containsText("Standup");
      screenshots(page, "calendar-approval");

      // Cancelled elsewhere while the page still shows it: the server's reason, then its state.
      Map<?, ?> cancelled =
          sendJson(page, "DELETE", "/api/integrations/calendar/approvals/" + dentist, null);
      assertThat(cancelled.get("status")).isEqualTo(200);
      item.locator("button.approve").click();
      assertThat(page.locator(".toast.error").last())
          .containsText("This approval was already cancelled");
      assertThat(item).hasAttribute("data-status", "cancelled");
      assertThat(item.locator(".approval-outcome"))
          .hasText("Cancelled: nothing was sent or changed.");
    }
  }

  /** Asks for approval of an email to bob (cc carol) from the page; answers the approval id. */
  private static String proposeEmail(Page page, String subject, String body) {
    Map<?, ?> created =
        sendJson(
            page,
            "POST",
            "/api/integrations/gmail/approvals",
            Map.of(
                "to",
                "bob@example.com",
                "cc",
                "carol@example.com",
                "subject",
                subject,
                "body",
                body));
    assertThat(created.get("status")).as("%s", created).isEqualTo(201);
    return (String) ((Map<?, ?>) ((Map<?, ?>) created.get("body")).get("approval")).get("id");
  }

  /** Asks for approval of a new event in Room 1 with bob; answers the approval id. */
  private static String proposeEvent(Page page, String title, Instant start, Instant end) {
    Map<?, ?> created =
        sendJson(
            page,
            "POST",
            "/api/integrations/calendar/events",
            Map.of(
                "title",
                title,
                "startsAt",
                start.toString(),
                "endsAt",
                end.toString(),
                "location",
                "Room 1",
                "attendees",
                List.of("bob@example.com")));
    assertThat(created.get("status")).as("%s", created).isEqualTo(201);
    return (String) ((Map<?, ?>) created.get("body")).get("approvalId");
  }

  /** Where the panel shows one field of an approval's payload. */
  private static String field(String name) {
    return ".approval-details [data-field=" + name + "]";
  }

  private static Locator.FilterOptions hasText(String text) {
    return new Locator.FilterOptions().setHasText(text);
  }

  private JsonNode gmailSummary(Page page, String email) {
    APIResponse response =
        page.request().get(emulator.baseUrl() + "/emulator/accounts/" + email + "/gmail/summary");
    assertThat(response.ok()).as(response.text()).isTrue();
    return JSON.readTree(response.text());
  }
}
