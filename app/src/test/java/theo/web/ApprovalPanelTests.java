package theo.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.APIResponse;
import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.options.RequestOptions;
import java.nio.file.Paths;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import theo.GoogleBrowser;
import theo.TheoTest;
import theo.emulator.GoogleEmulator;
import tools.jackson.databind.JsonNode;

/**
 * The approvals panel in Chromium: pending emails listed, approve sends, reject deletes the draft.
 */
@TheoTest
class ApprovalPanelTests {
  private static Playwright playwright;
  private static Browser browser;

  @LocalServerPort int port;
  @Autowired GoogleEmulator emulator;

  @BeforeAll
  static void launchBrowser() {
    playwright = Playwright.create();
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(Paths.get("/usr/bin/chromium"))
                    .setHeadless(true)
                    .setArgs(List.of("--no-sandbox", "--disable-gpu", "--disable-sync")));
  }

  @AfterAll
  static void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  private String base() {
    return "http://localhost:" + port;
  }

  @Test
  void panelWhenApproveAndRejectClickedThenOneEmailSentAndTheOtherDraftDeleted() {
    String email = "panel-" + UUID.randomUUID() + "@example.com";
    emulator.accounts().create(email, "Panel Person");
    try (BrowserContext context = browser.newContext()) {
      Page page = context.newPage();
      page.navigate(base() + "/");
      page.click("#sign-in");
      passGoogle(page, email);
      page.waitForURL(url -> url.startsWith(base() + "/settings/integrations"));
      String csrf = csrf(context);

      APIResponse connect =
          context
              .request()
              .post(
                  base() + "/api/integrations/gmail/connect",
                  RequestOptions.create()
                      .setHeader("X-XSRF-TOKEN", csrf)
                      .setHeader("Content-Type", "application/json")
                      .setData("{}"));
      JsonNode started = json(connect.text());
      page.navigate(base() + started.get("authorizationUrl").asString());
      passGoogle(page, email);
      page.waitForURL(url -> url.startsWith(base() + "/settings/integrations/gmail"));

      for (String subject : List.of("Send me", "Drop me")) {
        APIResponse created =
            context
                .request()
                .post(
                    base() + "/api/integrations/gmail/approvals",
                    RequestOptions.create()
                        .setHeader("X-XSRF-TOKEN", csrf(context))
                        .setHeader("Content-Type", "application/json")
                        .setData(
                            "{\"to\":\"bob@example.com\",\"subject\":\""
                                + subject
                                + "\",\"body\":\"Hi\"}"));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
      }

      page.navigate(base() + "/settings/integrations/gmail/approvals");
      page.waitForSelector("#approvals-panel[data-loaded=true]");
      Locator items = page.locator("#approvals-panel .approval");
      assertThat(items.count()).isEqualTo(2);
      Locator send = items.filter(new Locator.FilterOptions().setHasText("Send me"));
      Locator drop = items.filter(new Locator.FilterOptions().setHasText("Drop me"));
      assertThat(send.locator(".approval-expiry").textContent()).startsWith("Expires in 23 h");

      send.locator(".approval-note").fill("Looks right");
      send.locator("button.approve").click();
      page.waitForSelector("#approvals-panel .approval[data-status=executed]");
      drop.locator("button.reject").click();
      page.waitForSelector("#approvals-panel .approval[data-status=rejected]");

      JsonNode mailbox = summary(page, email);
      assertThat(mailbox.path("labels").path("SENT").asLong(0)).isEqualTo(1);
      assertThat(mailbox.get("drafts").asInt()).isZero();
      page.reload();
      page.waitForSelector("#approvals-panel[data-loaded=true]");
      assertThat(page.locator("#approvals-panel .approval").count()).isZero();
      assertThat(page.locator("#approvals-panel .approvals-empty").isVisible()).isTrue();
    }
  }

  /** Picks the account in the emulator's chooser and allows consent, when asked. */
  private void passGoogle(Page page, String email) {
    page.waitForURL(url -> url.startsWith(emulator.baseUrl()));
    Locator account = page.locator("button[name=account][value='" + email + "']");
    if (account.count() > 0) {
      account.click();
    }
    page.waitForURL(
        url ->
            url.startsWith(base())
                || url.contains("consent")
                || url.startsWith(emulator.baseUrl()));
    Locator allow = page.locator("button[name=action][value=allow]");
    if (page.url().startsWith(emulator.baseUrl()) && allow.count() > 0) {
      allow.click();
    }
  }

  private static String csrf(BrowserContext context) {
    return context.cookies().stream()
        .filter(cookie -> cookie.name.equals("XSRF-TOKEN"))
        .findFirst()
        .orElseThrow()
        .value;
  }

  private JsonNode summary(Page page, String email) {
    APIResponse response =
        page.request().get(emulator.baseUrl() + "/emulator/accounts/" + email + "/gmail/summary");
    return json(response.text());
  }

  private static JsonNode json(String body) {
    return new GoogleBrowser.Response(200, body, java.util.Map.of()).json();
  }
}
