package theo.emulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static theo.emulator.oauth.Browser.REDIRECT_URI;
import static theo.emulator.oauth.Browser.json;

import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import theo.emulator.EmulatorOptions;
import theo.emulator.GoogleEmulator;

/**
 * The Drive scopes through the real sign-in flow: named in words on the consent page, grantable one
 * by one, and enforced by the Drive surface (metadata only → no content).
 */
class DriveScopeConsentTests {
  private static final String METADATA = "https://www.googleapis.com/auth/drive.metadata.readonly";
  private static final String READONLY = "https://www.googleapis.com/auth/drive.readonly";
  private static final String ALICE = "alice@example.com";

  private GoogleEmulator emulator;
  private Browser browser;

  @BeforeEach
  void start() {
    emulator = GoogleEmulator.start(EmulatorOptions.defaults());
    browser = new Browser(emulator.baseUrl());
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private static Map<String, String> request(String scope) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("client_id", EmulatorOptions.DEFAULT_CLIENT_ID);
    parameters.put("redirect_uri", REDIRECT_URI);
    parameters.put("response_type", "code");
    parameters.put("scope", scope);
    parameters.put("state", "s");
    parameters.put("prompt", "consent");
    return parameters;
  }

  private String accessToken(Map<String, String> redirect) {
    HttpResponse<String> tokens =
        browser.token(
            Map.of(
                "grant_type",
                "authorization_code",
                "code",
                redirect.get("code"),
                "redirect_uri",
                REDIRECT_URI,
                "client_id",
                EmulatorOptions.DEFAULT_CLIENT_ID,
                "client_secret",
                EmulatorOptions.DEFAULT_CLIENT_SECRET));
    assertThat(tokens.statusCode()).as(tokens.body()).isEqualTo(200);
    return (String) json(tokens).get("access_token");
  }

  @Test
  void consentNamesDriveScopesInWordsAndOnlyTheTickedOneIsEnforced() {
    String created =
        browser
            .postJson(
                "/emulator/accounts/" + ALICE + "/drive/files",
                "{\"name\":\"notes.txt\",\"mimeType\":\"text/plain\",\"content\":\"hi\"}")
            .body();
    String fileId = (String) new com.google.gson.Gson().fromJson(created, Map.class).get("id");

    HttpResponse<String> consent =
        browser.chooseAccount(browser.openAuthorization(request(METADATA + " " + READONLY)), ALICE);
    assertThat(Browser.scopeBoxes(consent)).containsExactly(METADATA, READONLY);
    assertThat(consent.body())
        .contains("See information about your Google Drive files")
        .contains("See and download all your Google Drive files");

    String metadataOnly =
        accessToken(
            browser.authorize(request(METADATA + " " + READONLY), ALICE, List.of(READONLY)));
    assertThat(browser.get("/drive/v3/files/" + fileId, metadataOnly).statusCode()).isEqualTo(200);
    HttpResponse<String> media =
        browser.get("/drive/v3/files/" + fileId + "?alt=media", metadataOnly);
    assertThat(media.statusCode()).isEqualTo(403);
    assertThat(media.body()).contains("insufficientPermissions");

    String withContent = accessToken(browser.authorize(request(READONLY), ALICE));
    HttpResponse<String> download =
        browser.get("/drive/v3/files/" + fileId + "?alt=media", withContent);
    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.body()).isEqualTo("hi");
  }
}
