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
import com.google.api.client.http.GenericUrl;
import com.google.api.client.http.HttpResponse;
import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.client.json.gson.GsonFactory;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.people.v1.PeopleService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import theo.emulator.EmulatorOptions;
import theo.emulator.GoogleEmulator;

/**
 * The OAuth surface as Google's own Java OAuth client and API clients meet it: tokens from the code
 * exchange drive Gmail and People, and the 401 an expired token gets carries the challenge that
 * makes Google's {@link Credential} refresh and retry by itself.
 */
class OAuthContractTests {
  private static final String ALICE = "alice@example.com";
  private static final String SCOPES =
      "openid email https://www.googleapis.com/auth/gmail.readonly"
          + " https://www.googleapis.com/auth/contacts.readonly";

  private final NetHttpTransport transport = new NetHttpTransport();
  private final GsonFactory json = GsonFactory.getDefaultInstance();
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

  private TokenResponse tokens() throws IOException {
    String code = browser.authorize(OAuthSurfaceTests.offline(SCOPES), ALICE).get("code");
    return new AuthorizationCodeTokenRequest(
            transport, json, new GenericUrl(emulator.baseUrl() + "/token"), code)
        .setRedirectUri(Browser.REDIRECT_URI)
        .setClientAuthentication(client())
        .execute();
  }

  private static ClientParametersAuthentication client() {
    return new ClientParametersAuthentication(
        EmulatorOptions.DEFAULT_CLIENT_ID, EmulatorOptions.DEFAULT_CLIENT_SECRET);
  }

  @Test
  void anExpiredAccessTokenIsRefreshedByGooglesCredentialAndTheCallSucceeds() throws IOException {
    AtomicInteger refreshes = new AtomicInteger();
    Credential credential =
        new Credential.Builder(BearerToken.authorizationHeaderAccessMethod())
            .setTransport(transport)
            .setJsonFactory(json)
            .setTokenServerUrl(new GenericUrl(emulator.baseUrl() + "/token"))
            .setClientAuthentication(client())
            .addRefreshListener(
                new com.google.api.client.auth.oauth2.CredentialRefreshListener() {
                  @Override
                  public void onTokenResponse(Credential c, TokenResponse response) {
                    refreshes.incrementAndGet();
                  }

                  @Override
                  public void onTokenErrorResponse(
                      Credential c, com.google.api.client.auth.oauth2.TokenErrorResponse error) {}
                })
            .build()
            .setFromTokenResponse(tokens());
    credential.setExpiresInSeconds(3600L); // so only the server's 401 can trigger the refresh
    Gmail gmail =
        new Gmail.Builder(transport, json, credential).setRootUrl(emulator.baseUrl() + "/").build();
    PeopleService people =
        new PeopleService.Builder(transport, json, credential)
            .setRootUrl(emulator.baseUrl() + "/")
            .build();
    assertThat(gmail.users().getProfile("me").execute().getEmailAddress()).isEqualTo(ALICE);
    assertThat(refreshes).hasValue(0);

    post("/emulator/accounts/" + ALICE + "/tokens/expire");

    assertThat(gmail.users().getProfile("me").execute().getEmailAddress()).isEqualTo(ALICE);
    assertThat(refreshes).hasValue(1);
    post("/emulator/accounts/" + ALICE + "/tokens/expire");
    assertThat(
            people
                .people()
                .get("people/me")
                .setPersonFields("emailAddresses")
                .execute()
                .getEmailAddresses()
                .get(0)
                .getValue())
        .isEqualTo(ALICE);
    assertThat(refreshes).hasValue(2);
  }

  @Test
  void aRevokedGrantAnswersInvalidGrantToRefreshAndInvalidTokenToUserinfo() throws IOException {
    TokenResponse tokens = tokens();
    post("/emulator/accounts/" + ALICE + "/revoke");

    assertThatThrownBy(
            () ->
                new RefreshTokenRequest(
                        transport,
                        json,
                        new GenericUrl(emulator.baseUrl() + "/token"),
                        tokens.getRefreshToken())
                    .setClientAuthentication(client())
                    .execute())
        .isInstanceOfSatisfying(
            TokenResponseException.class,
            e -> {
              assertThat(e.getStatusCode()).isEqualTo(400);
              assertThat(e.getDetails().getError()).isEqualTo("invalid_grant");
              assertThat(e.getDetails().getErrorDescription())
                  .isEqualTo("Token has been expired or revoked.");
            });

    HttpResponse userinfo =
        transport
            .createRequestFactory(
                new Credential(BearerToken.authorizationHeaderAccessMethod())
                    .setAccessToken(tokens.getAccessToken()))
            .buildGetRequest(new GenericUrl(emulator.baseUrl() + "/oauth2/v3/userinfo"))
            .setThrowExceptionOnExecuteError(false)
            .execute();
    assertThat(userinfo.getStatusCode()).isEqualTo(401);
    assertThat(userinfo.getHeaders().getAuthenticate())
        .isEqualTo("Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
    assertThat(userinfo.parseAsString()).contains("\"error\"");
  }

  private void post(String path) {
    try {
      int status =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                      .POST(HttpRequest.BodyPublishers.noBody())
                      .build(),
                  java.net.http.HttpResponse.BodyHandlers.discarding())
              .statusCode();
      assertThat(status).isEqualTo(200);
    } catch (IOException | InterruptedException e) {
      throw new AssertionError(e);
    }
  }
}
