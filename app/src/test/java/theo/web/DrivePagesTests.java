package theo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.RequestOptions;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Drive's pages in a real browser against the embedded emulator: its hub card, its settings section
 * (folders, keeping text) and its files page, all contributed by the Drive module alone.
 */
class DrivePagesTests extends BrowserTest {

  @Test
  void drivePagesWhenConnectedAndSyncedThenSettingsSectionAndFilesListShowTheDrive() {
    String email = newAccount();
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      String admin = emulator.baseUrl() + "/emulator/accounts/" + email + "/drive";
      assertThat(
              context
                  .request()
                  .post(
                      admin + "/files",
                      RequestOptions.create()
                          .setData(
                              Map.of("name", "Budget notes.txt", "content", "quarterly budget")))
                  .ok())
          .isTrue();
      assertThat(
              context
                  .request()
                  .post(
                      admin + "/generate",
                      RequestOptions.create().setData(Map.of("count", 60, "seed", 3)))
                  .ok())
          .isTrue();
      signIn(page, email);
      assertThat(page.locator("#card-drive")).isVisible();

      connect(page, email, "drive");
      assertThat(page.locator("#sync-runs li").first())
          .containsText(
              "Succeeded", new LocatorAssertions.ContainsTextOptions().setTimeout(90_000));
      page.reload();
      assertThat(page.locator("#drive-settings")).isVisible();
      assertThat(page.locator("#drive-folders input[type=checkbox]").first()).isVisible();
      assertThat(page.locator("#drive-keep-content")).isChecked();
      page.locator("#drive-keep-content").uncheck();
      page.click("#drive-settings-form button[type=submit]");
      assertThat(page.locator(".toast").last()).containsText("next sync");
      Map<?, ?> settings = fetchJson(page, "/api/integrations/drive/settings");
      assertThat(((Map<?, ?>) settings.get("body")).get("keepContent")).isEqualTo(false);

      page.click("#browse-link");
      page.waitForURL(base() + "/settings/integrations/drive/files");
      Locator files = page.locator("#files > li");
      assertThat(files.first()).isVisible();
      assertThat(page.locator("#file-count")).containsText(" of ");
      page.fill("#file-query", "Budget notes");
      page.click("#file-filters button[type=submit]");
      assertThat(files).hasCount(1);
      assertThat(files.first()).containsText("Budget notes.txt");
      screenshots(page, "drive-files");
    }
  }

  @Test
  void filesPageWhenNotConnectedThenItSaysSo() {
    try (BrowserContext context = newContext()) {
      Page page = context.newPage();
      signIn(page, newAccount());

      page.navigate(base() + "/settings/integrations/drive/files");

      assertThat(page.locator("#files")).hasAttribute("aria-busy", "false");
      assertThat(page.locator("#file-message")).isVisible();
      assertThat(page.locator("#file-folder")).isVisible();
    }
  }
}
