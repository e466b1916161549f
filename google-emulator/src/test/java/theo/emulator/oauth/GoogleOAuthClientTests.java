package theo.emulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.api.client.auth.oauth2.AuthorizationCodeTokenRequest;
import com.google.api.client.auth.oauth2.BearerToken;
import com.google.api.client.auth.oauth2.ClientParametersAuthentication;
import com.google.api.client.auth.oauth2.Credential;
import com.google.api.client.auth.oauth2.RefreshTokenRequest;
import com.google.api.client.auth.oauth2.TokenResponse;
import com.google.api.client.auth.oauth2.TokenResponseException;
import com.google.api.client.googleapis.auth.oauth2.GoogleIdToken;
import com.google.api.client.http.BasicAuthentication;
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpTransport;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.GenericJson;
import com.google.api.client.json.gson.GsonFactory;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import theo.emulator.EmulatorOptions;
import theo.emulator.GoogleEmulator;

/** Google's own Java OAuth client classes against the emulator's token endpoint. */
class GoogleOAuthClientTests {
  private static final String VERIFIER = "google-client-verifier-0123456789-0123456789-abcdef";

  private final HttpTransport transport = new NetHttpTransport();
  private final GsonFactory jsonFactory = GsonFactory.getDefaultInstance();
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

  private String authorizeWithPkce() {
    Map<String, String> parameters = OAuthSurfaceTests.offline("openid email profile");
    parameters.put("code_challenge", Grants.s256(VERIFIER));
    parameters.put("code_challenge_method", "S256");
    parameters.put("nonce", "n-1");
    return browser.authorize(parameters, "bob@example.com").get("code");
  }

  private AuthorizationCodeTokenRequest codeRequest(String code) {
    return new AuthorizationCodeTokenRequest(
            transport, jsonFactory, new GenericUrl(emulator.baseUrl() + "/token"), code)
        .setRedirectUri(Browser.REDIRECT_URI);
  }

  @Test
  void authorizationCodeTokenRequestWhenCodeAndVerifierValidThenTokensAndRefreshWorks()
      throws Exception {
    TokenResponse tokens =
        codeRequest(authorizeWithPkce())
            .setClientAuthentication(
                new ClientParametersAuthentication(
                    EmulatorOptions.DEFAULT_CLIENT_ID, EmulatorOptions.DEFAULT_CLIENT_SECRET))
            .set("code_verifier", VERIFIER)
            .execute();

    assertThat(tokens.getAccessToken()).startsWith("ya29.");
    assertThat(tokens.getRefreshToken()).startsWith("1//");
    assertThat(tokens.getExpiresInSeconds()).isEqualTo(3599L);
    assertThat(tokens.getTokenType()).isEqualTo("Bearer");
    GoogleIdToken idToken = GoogleIdToken.parse(jsonFactory, (String) tokens.get("id_token"));
    assertThat(idToken.getPayload().getEmail()).isEqualTo("bob@example.com");
    assertThat(idToken.getPayload().getNonce()).isEqualTo("n-1");
    assertThat(idToken.getPayload().getAudienceAsList())
        .containsExactly(EmulatorOptions.DEFAULT_CLIENT_ID);

    TokenResponse refreshed =
        new RefreshTokenRequest(
                transport,
                jsonFactory,
                new GenericUrl(emulator.baseUrl() + "/token"),
                tokens.getRefreshToken())
            .setClientAuthentication(
                new BasicAuthentication(
                    EmulatorOptions.DEFAULT_CLIENT_ID, EmulatorOptions.DEFAULT_CLIENT_SECRET))
            .execute();

    assertThat(refreshed.getAccessToken()).isNotEqualTo(tokens.getAccessToken());
    assertThat(refreshed.getRefreshToken()).isNull();
    Credential credential =
        new Credential(BearerToken.authorizationHeaderAccessMethod())
            .setAccessToken(refreshed.getAccessToken());
    GenericJson userinfo =
        transport
            .createRequestFactory(credential)
            .buildGetRequest(new GenericUrl(emulator.baseUrl() + "/oauth2/v3/userinfo"))
            .setParser(jsonFactory.createJsonObjectParser())
            .execute()
            .parseAs(GenericJson.class);
    assertThat(userinfo.get("email")).isEqualTo("bob@example.com");
  }

  @Test
  void authorizationCodeTokenRequestWhenVerifierWrongThenTokenResponseExceptionInvalidGrant() {
    AuthorizationCodeTokenRequest request =
        codeRequest(authorizeWithPkce())
            .setClientAuthentication(
                new BasicAuthentication(
                    EmulatorOptions.DEFAULT_CLIENT_ID, EmulatorOptions.DEFAULT_CLIENT_SECRET))
            .set("code_verifier", VERIFIER + "-wrong");

    assertThatThrownBy(request::execute)
        .isInstanceOfSatisfying(
            TokenResponseException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(400);
              assertThat(e.getDetails().getError()).isEqualTo("invalid_grant");
            });
  }

  @Test
  void refreshTokenRequestWhenSecretWrongThenUnauthorized() {
    RefreshTokenRequest request =
        new RefreshTokenRequest(
                transport, jsonFactory, new GenericUrl(emulator.baseUrl() + "/token"), "1//nope")
            .setClientAuthentication(
                new ClientParametersAuthentication(EmulatorOptions.DEFAULT_CLIENT_ID, "wrong"));

    assertThatThrownBy(request::execute)
        .isInstanceOfSatisfying(
            TokenResponseException.class,
            e -> {
              // HttpURLConnection drops the body of a 401 to a streamed POST (as it does with
              // Google's own answer), so only the status reaches NetHttpTransport's caller.
              assertThat(e.getStatusCode()).isEqualTo(401);
            });
  }
}
