package theo.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import theo.TheoTest;
import theo.emulator.GoogleEmulator;

/**
 * The whole app plus one headless Chromium shared by a test class, with the steps every browser
 * test repeats: sign in at the emulator, call the API from the page, screenshots, layout checks.
 */
@TheoTest
abstract class BrowserTest {
  static final Path SCREENSHOTS = Paths.get("target", "screenshots");

  /**
   * The repository's docs/screenshots, seen from the app module's directory where the tests run.
   */
  static final Path README_SCREENSHOTS = Paths.get("..", "docs", "screenshots");

  /** The pictures README.md shows; each is copied into docs/screenshots whenever it is taken. */
  static final Set<String> README_PICTURES =
      Set.of(
          "hub-desktop.png",
          "gmail-connected-desktop.png",
          "calendar-limited-access-phone.png",
          "audit-desktop.png",
          "calendar-syncing-desktop.png",
          "gmail-approval-desktop.png");

  static final int PHONE_WIDTH = 390;

  static Playwright playwright;
  static Browser browser;

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
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--disable-component-update",
                            "--disable-sync")));
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

  /** Content-Security-Policy violations the browser reported on Theo's pages during this test. */
  final List<String> cspViolations = new CopyOnWriteArrayList<>();

  /**
   * A fresh browser context (cookies, session) at desktop size, whose pages report Content Security
   * Policy violations to {@link #cspViolations}.
   */
  BrowserContext newContext() {
    BrowserContext context =
        browser.newContext(new Browser.NewContextOptions().setViewportSize(1280, 900));
    context.onConsoleMessage(
        message -> {
          if (message.text().contains("Content Security Policy")) {
            cspViolations.add(message.page().url() + ": " + message.text());
          }
        });
    return context;
  }

  @AfterEach
  void noContentSecurityPolicyViolations() {
    assertThat(cspViolations).as("Content-Security-Policy violations").isEmpty();
  }

  /** Signs in from the landing page, choosing {@code email} at the emulator, allowing if asked. */
  void signIn(Page page, String email) {
    page.navigate(base() + "/");
    page.click("#sign-in");
    page.waitForURL(url -> url.startsWith(emulator.baseUrl()));
    page.locator("button[name=account][value='" + email + "']").click();
    page.waitForURL(
        url ->
            url.startsWith(base() + "/settings/integrations")
                || url.startsWith(emulator.baseUrl()));
    if (page.url().startsWith(emulator.baseUrl())) {
      page.locator("button[name=action][value=allow]").click();
    }
    page.waitForURL(base() + "/settings/integrations");
  }

  /** A new Google account at the emulator, so every test starts from nothing. */
  String newAccount() {
    String email = "web-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    emulator.accounts().create(email, "Web Tester");
    return email;
  }

  /** Opens an integration's page and waits for its connection status. */
  void openIntegration(Page page, String integration) {
    page.navigate(base() + "/settings/integrations/" + integration);
    assertThat(page.locator("#connection-status")).hasAttribute("aria-busy", "false");
  }

  /** From the integration's page: Connect, allow everything at the emulator, back on the page. */
  void connect(Page page, String email, String integration) {
    openIntegration(page, integration);
    page.click("#connect-button");
    authorizeAtEmulator(page, email, List.of());
    returnTo(page, integration);
  }

  /** At the emulator: picks the account if asked, unticks the given scopes, allows. */
  void authorizeAtEmulator(Page page, String email, List<String> untick) {
    page.waitForURL(url -> url.startsWith(emulator.baseUrl()));
    chooseAccountIfAsked(page, email);
    for (String scope : untick) {
      page.locator("input[name=scope][value='" + scope + "']").uncheck();
    }
    page.locator("button[name=action][value=allow]").click();
  }

  static void chooseAccountIfAsked(Page page, String email) {
    Locator account = page.locator("button[name=account][value='" + email + "']");
    Locator allow = page.locator("button[name=action][value=allow]");
    account.or(allow).first().waitFor();
    if (account.count() > 0) {
      account.click();
    }
    allow.waitFor();
  }

  /** Waits until the OAuth round trip is back on the integration's page and its status shows. */
  void returnTo(Page page, String integration) {
    page.waitForURL(url -> url.startsWith(base() + "/settings/integrations/" + integration));
    assertThat(page.locator("#connection-status")).hasAttribute("aria-busy", "false");
  }

  /** {status, body} of a GET made by the page itself (with its session cookie). */
  static Map<?, ?> fetchJson(Page page, String path) {
    return (Map<?, ?>)
        page.evaluate(
            "async (path) => { const r = await fetch(path);"
                + " return {status: r.status, body: await r.json()}; }",
            path);
  }

  /**
   * {status, body} of a JSON call made by the page itself, with its session cookie and CSRF token;
   * {@code body} null sends none.
   */
  static Map<?, ?> sendJson(Page page, String method, String path, Object body) {
    return (Map<?, ?>)
        page.evaluate(
            "async ([method, path, body]) => {"
                + " const cookie = document.cookie.split('; ')"
                + "   .find((c) => c.startsWith('XSRF-TOKEN=')) || 'XSRF-TOKEN=';"
                + " const r = await fetch(path, {method, headers: {'Content-Type': 'application/json',"
                + "   'X-XSRF-TOKEN': decodeURIComponent(cookie.substring(11))},"
                + "   body: body === null ? undefined : JSON.stringify(body)});"
                + " return {status: r.status, body: await r.json()}; }",
            Arrays.asList(method, path, body));
  }

  /** Asserts the page fits the viewport's width (no horizontal scrolling). */
  static void assertNoHorizontalScroll(Page page) {
    Object overflow =
        page.evaluate(
            "() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertThat(((Number) overflow).intValue())
        .as("horizontal overflow of %s at width %s", page.url(), page.viewportSize().width)
        .isLessThanOrEqualTo(0);
  }

  /**
   * Saves {@code name}-desktop.png and {@code name}-phone.png into target/screenshots, checking at
   * each width that nothing scrolls sideways; the viewport is desktop again afterwards.
   */
  static void screenshots(Page page, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    // Toasts float over the content; the pictures show the page itself.
    page.evaluate("() => document.querySelectorAll('.toast').forEach((t) => t.remove())");
    page.setViewportSize(1280, 900);
    assertNoHorizontalScroll(page);
    save(page, name + "-desktop.png");
    page.setViewportSize(PHONE_WIDTH, 844);
    assertNoHorizontalScroll(page);
    save(page, name + "-phone.png");
    page.setViewportSize(1280, 900);
  }

  private static void save(Page page, String fileName) {
    Path picture = SCREENSHOTS.resolve(fileName);
    page.screenshot(new Page.ScreenshotOptions().setPath(picture).setFullPage(true));
    if (README_PICTURES.contains(fileName)) {
      try {
        Files.createDirectories(README_SCREENSHOTS);
        Files.copy(
            picture, README_SCREENSHOTS.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  String base() {
    return "http://localhost:" + port;
  }
}
