package theo.emulator.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static theo.emulator.oauth.Browser.REDIRECT_URI;
import static theo.emulator.oauth.Browser.json;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import theo.emulator.EmulatorOptions;
import theo.emulator.GoogleEmulator;

class OAuthSurfaceTests {
  static final String CLIENT_ID = EmulatorOptions.DEFAULT_CLIENT_ID;
  static final String CLIENT_SECRET = EmulatorOptions.DEFAULT_CLIENT_SECRET;
  static final String GMAIL_READONLY = "https://www.googleapis.com/auth/gmail.readonly";
  static final String CALENDAR = "https://www.googleapis.com/auth/calendar";
  static final String ALICE = "alice@example.com";

  private GoogleEmulator emulator;
  private Browser browser;

  @BeforeEach
  void start() {
    emulator =
        GoogleEmulator.start(EmulatorOptions.defaults().withClient("other-client", "other-secret"));
    browser = new Browser(emulator.baseUrl());
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  static Map<String, String> request(String scope) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("client_id", CLIENT_ID);
    parameters.put("redirect_uri", REDIRECT_URI);
    parameters.put("response_type", "code");
    parameters.put("scope", scope);
    parameters.put("state", "state-123");
    return parameters;
  }

  static Map<String, String> offline(String scope) {
    Map<String, String> parameters = request(scope);
    parameters.put("access_type", "offline");
    return parameters;
  }

  private static Map<String, String> codeExchange(String code) {
    Map<String, String> form = new LinkedHashMap<>();
    form.put("grant_type", "authorization_code");
    form.put("code", code);
    form.put("redirect_uri", REDIRECT_URI);
    return form;
  }

  private static Map<String, String> refreshWith(String refreshToken) {
    return Map.of("grant_type", "refresh_token", "refresh_token", refreshToken);
  }

  private Map<String, Object> exchange(Map<String, String> redirect) {
    HttpResponse<String> response = browser.token(codeExchange(redirect.get("code")));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response);
  }

  @Test
  void discoveryWhenRequestedThenListsEndpointsUnderTheBaseUrl() {
    Map<String, Object> document = json(browser.get("/.well-known/openid-configuration", null));
    String base = emulator.baseUrl();

    assertThat(document)
        .containsEntry("issuer", base)
        .containsEntry("authorization_endpoint", base + "/o/oauth2/v2/auth")
        .containsEntry("token_endpoint", base + "/token")
        .containsEntry("userinfo_endpoint", base + "/oauth2/v3/userinfo")
        .containsEntry("revocation_endpoint", base + "/revoke")
        .containsEntry("jwks_uri", base + "/oauth2/v3/certs")
        .containsEntry("response_types_supported", List.of("code"))
        .containsEntry("id_token_signing_alg_values_supported", List.of("RS256"))
        .containsEntry(
            "token_endpoint_auth_methods_supported",
            List.of("client_secret_post", "client_secret_basic"))
        .containsEntry("code_challenge_methods_supported", List.of("plain", "S256"))
        .containsKeys(
            "subject_types_supported",
            "scopes_supported",
            "claims_supported",
            "grant_types_supported");
  }

  @Test
  void authorizeWhenClientUnknownThenErrorPageWithoutRedirect() {
    Map<String, String> parameters = request("openid");
    parameters.put("client_id", "nobody.apps.googleusercontent.com");

    HttpResponse<String> page = browser.openAuthorization(parameters);

    assertThat(page.statusCode()).isEqualTo(401);
    assertThat(page.body()).contains("Error 401: invalid_client");
    assertThat(page.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void authorizeWhenRedirectUriMissingOrRelativeThenErrorPage() {
    Map<String, String> parameters = request("openid");
    parameters.put("redirect_uri", "/relative/callback");
    assertThat(browser.openAuthorization(parameters).statusCode()).isEqualTo(400);
    parameters.remove("redirect_uri");
    assertThat(browser.openAuthorization(parameters).statusCode()).isEqualTo(400);
  }

  @Test
  void authorizeWhenStartedThenChooserListsAccountsAndConsentListsEveryScopeChecked() {
    HttpResponse<String> chooser =
        browser.openAuthorization(request("openid email " + GMAIL_READONLY));
    assertThat(chooser.body()).contains("alice@example.com").contains("bob@example.com");

    HttpResponse<String> consent = browser.chooseAccount(chooser, ALICE);

    assertThat(Browser.scopeBoxes(consent)).containsExactly("openid", "email", GMAIL_READONLY);
    assertThat(consent.body())
        .contains(
            "<input type=\"checkbox\" name=\"scope\" value=\"" + GMAIL_READONLY + "\" checked>")
        .contains("View your email messages and settings")
        .contains(">Allow</button>")
        .contains(">Cancel</button>");
  }

  @Test
  void authorizeWhenLoginHintNamesAnAccountThenChooserIsSkipped() {
    Map<String, String> parameters = request("openid");
    parameters.put("login_hint", ALICE);
    assertThat(Browser.isConsentPage(browser.openAuthorization(parameters))).isTrue();

    parameters.put("prompt", "select_account");
    assertThat(Browser.isChooserPage(browser.openAuthorization(parameters))).isTrue();
  }

  @Test
  void consentWhenCancelledThenAccessDeniedWithState() {
    HttpResponse<String> consent =
        browser.chooseAccount(browser.openAuthorization(request("openid email")), ALICE);

    Map<String, String> redirect =
        Browser.redirectParameters(browser.answerConsent(consent, List.of(), "Cancel"));

    assertThat(redirect)
        .containsEntry("error", "access_denied")
        .containsEntry("state", "state-123");
    assertThat(redirect).doesNotContainKey("code");
  }

  @Test
  void consentWhenEveryScopeUntickedThenAccessDenied() {
    Map<String, String> redirect =
        browser.authorize(request("openid email"), ALICE, List.of("openid", "email"));

    assertThat(redirect)
        .containsEntry("error", "access_denied")
        .containsEntry("state", "state-123");
  }

  @Test
  void consentWhenAllowedThenRedirectCarriesCodeStateAndScope() {
    Map<String, String> redirect = browser.authorize(request("openid email"), ALICE);

    assertThat(redirect).containsKey("code").containsEntry("state", "state-123");
    assertThat(redirect.get("scope").split(" ")).containsExactlyInAnyOrder("openid", "email");
    assertThat(emulator.stats().get("authorizations")).isEqualTo(1);
  }

  @Test
  void tokenWhenScopeUntickedThenTokenScopeLacksIt() {
    Map<String, String> redirect =
        browser.authorize(
            request("openid email " + GMAIL_READONLY), ALICE, List.of(GMAIL_READONLY));

    Map<String, Object> tokens = exchange(redirect);

    assertThat(((String) tokens.get("scope")).split(" "))
        .containsExactlyInAnyOrder("openid", "email");
    HttpResponse<String> gmail =
        browser.get("/tokeninfo?access_token=" + tokens.get("access_token"), null);
    assertThat((String) json(gmail).get("scope")).doesNotContain(GMAIL_READONLY);
  }

  @Test
  void tokenWhenCodeExchangedThenBearerTokenWithIdTokenAndDefaultLifetime() {
    Map<String, Object> tokens = exchange(browser.authorize(request("openid email"), ALICE));

    assertThat(tokens).containsEntry("token_type", "Bearer").containsEntry("expires_in", 3599.0);
    assertThat((String) tokens.get("access_token")).startsWith("ya29.");
    assertThat(tokens).containsKey("id_token").doesNotContainKey("refresh_token");
    assertThat(emulator.stats().get("tokenExchanges")).isEqualTo(1);
  }

  @Test
  void tokenWhenPkceVerifierWrongOrMissingThenInvalidGrant() {
    String verifier = "a-verifier-that-is-long-enough-0123456789-abcdefghijkl";
    Map<String, String> parameters = request("openid");
    parameters.put("code_challenge", Grants.s256(verifier));
    parameters.put("code_challenge_method", "S256");

    String code = browser.authorize(parameters, ALICE).get("code");
    Map<String, String> wrong = codeExchange(code);
    wrong.put("code_verifier", verifier + "x");
    HttpResponse<String> wrongResponse = browser.token(wrong);
    HttpResponse<String> missingResponse = browser.token(codeExchange(code));
    Map<String, String> right = codeExchange(code);
    right.put("code_verifier", verifier);
    HttpResponse<String> rightResponse = browser.token(right);

    assertThat(wrongResponse.statusCode()).isEqualTo(400);
    assertThat(json(wrongResponse)).containsEntry("error", "invalid_grant");
    assertThat(missingResponse.statusCode()).isEqualTo(400);
    assertThat(json(missingResponse)).containsEntry("error", "invalid_grant");
    assertThat(rightResponse.statusCode()).isEqualTo(200);
  }

  @Test
  void tokenWhenPlainPkceVerifierMatchesThenIssued() {
    String verifier = "plain-verifier-plain-verifier-plain-verifier-0123";
    Map<String, String> parameters = request("openid");
    parameters.put("code_challenge", verifier);
    parameters.put("code_challenge_method", "plain");
    Map<String, String> form = codeExchange(browser.authorize(parameters, ALICE).get("code"));
    form.put("code_verifier", verifier);

    assertThat(browser.token(form).statusCode()).isEqualTo(200);
  }

  @Test
  void tokenWhenVerifierSentWithoutChallengeThenInvalidGrant() {
    Map<String, String> form =
        codeExchange(browser.authorize(request("openid"), ALICE).get("code"));
    form.put("code_verifier", "a-verifier-that-is-long-enough-0123456789-abcdefghijkl");

    HttpResponse<String> response = browser.token(form);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response)).containsEntry("error", "invalid_grant");
  }

  @Test
  void tokenWhenCodeReplayedThenInvalidGrantAndFirstTokensRevoked() {
    Map<String, String> redirect = browser.authorize(offline("openid email"), ALICE);
    Map<String, Object> first = exchange(redirect);

    HttpResponse<String> replay = browser.token(codeExchange(redirect.get("code")));

    assertThat(replay.statusCode()).isEqualTo(400);
    assertThat(json(replay)).containsEntry("error", "invalid_grant");
    assertThat(browser.get("/oauth2/v3/userinfo", (String) first.get("access_token")).statusCode())
        .isEqualTo(401);
    assertThat(browser.token(refreshWith((String) first.get("refresh_token"))).statusCode())
        .isEqualTo(400);
    assertThat(emulator.stats().get("tokenErrors")).isEqualTo(2);
  }

  @Test
  void tokenWhenRedirectUriDiffersThenInvalidGrant() {
    Map<String, String> form =
        codeExchange(browser.authorize(request("openid"), ALICE).get("code"));
    form.put("redirect_uri", REDIRECT_URI + "/other");

    HttpResponse<String> response = browser.token(form);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response)).containsEntry("error", "invalid_grant");
  }

  @Test
  void tokenWhenClientAuthenticatesWithBasicOrPostThenAcceptedAndWrongSecretRefused() {
    String first = browser.authorize(request("openid"), ALICE).get("code");
    HttpResponse<String> basic =
        browser.tokenWithBasic(codeExchange(first), CLIENT_ID, CLIENT_SECRET);
    String second = browser.authorize(request("openid"), ALICE).get("code");
    HttpResponse<String> post = browser.token(codeExchange(second));
    String third = browser.authorize(request("openid"), ALICE).get("code");
    HttpResponse<String> wrongBasic =
        browser.tokenWithBasic(codeExchange(third), CLIENT_ID, "wrong");
    Map<String, String> wrongPostForm = codeExchange(third);
    wrongPostForm.put("client_secret", "wrong");
    HttpResponse<String> wrongPost = browser.token(wrongPostForm);

    assertThat(basic.statusCode()).as(basic.body()).isEqualTo(200);
    assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
    assertThat(wrongBasic.statusCode()).isEqualTo(401);
    assertThat(json(wrongBasic)).containsEntry("error", "invalid_client");
    assertThat(wrongPost.statusCode()).isEqualTo(401);
    assertThat(json(wrongPost)).containsEntry("error", "invalid_client");
  }

  @Test
  void tokenWhenCodeBelongsToAnotherClientThenInvalidGrant() {
    String code = browser.authorize(request("openid"), ALICE).get("code");

    HttpResponse<String> response =
        browser.tokenWithBasic(codeExchange(code), "other-client", "other-secret");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response)).containsEntry("error", "invalid_grant");
  }

  @Test
  void tokenWhenParametersMissingOrGrantUnsupportedThenOAuthErrors() {
    HttpResponse<String> missing = browser.token(Map.of("grant_type", "authorization_code"));
    HttpResponse<String> unsupported = browser.token(Map.of("grant_type", "password"));

    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(json(missing)).containsEntry("error", "invalid_request");
    assertThat(unsupported.statusCode()).isEqualTo(400);
    assertThat(json(unsupported)).containsEntry("error", "unsupported_grant_type");
  }

  @Test
  void refreshWhenRefreshTokenValidThenNewAccessTokenWithoutNewRefreshToken() {
    Map<String, Object> first = exchange(browser.authorize(offline("openid email"), ALICE));
    assertThat((String) first.get("refresh_token")).startsWith("1//");

    HttpResponse<String> refreshed =
        browser.token(refreshWith((String) first.get("refresh_token")));

    assertThat(refreshed.statusCode()).isEqualTo(200);
    Map<String, Object> tokens = json(refreshed);
    assertThat(tokens.get("access_token")).isNotEqualTo(first.get("access_token"));
    assertThat(tokens).containsKeys("id_token", "scope").doesNotContainKey("refresh_token");
    HttpResponse<String> userinfo =
        browser.get("/oauth2/v3/userinfo", (String) tokens.get("access_token"));
    assertThat(json(userinfo)).containsEntry("email", ALICE).containsEntry("email_verified", true);
    assertThat(emulator.stats().get("refreshes")).isEqualTo(1);
  }

  @Test
  void refreshTokenWhenSecondOfflineConsentThenOnlyIssuedAgainWithPromptConsent() {
    Map<String, Object> first = exchange(browser.authorize(offline("openid"), ALICE));
    Map<String, Object> second = exchange(browser.authorize(offline("openid"), ALICE));
    Map<String, String> withConsent = offline("openid");
    withConsent.put("prompt", "consent");
    Map<String, Object> third = exchange(browser.authorize(withConsent, ALICE));
    Map<String, Object> online = exchange(browser.authorize(request("openid"), ALICE));

    assertThat(first).containsKey("refresh_token");
    assertThat(second).doesNotContainKey("refresh_token");
    assertThat(third).containsKey("refresh_token");
    assertThat(third.get("refresh_token")).isNotEqualTo(first.get("refresh_token"));
    assertThat(online).doesNotContainKey("refresh_token");
  }

  @Test
  void authorizeWhenScopesAlreadyGrantedThenConsentSkippedUnlessPromptConsent() {
    browser.authorize(request("openid email"), ALICE);
    Map<String, String> again = request("openid");
    again.put("login_hint", ALICE);

    Map<String, String> redirect = Browser.redirectParameters(browser.openAuthorization(again));
    again.put("prompt", "consent");

    assertThat(redirect).containsKey("code").containsEntry("state", "state-123");
    assertThat(Browser.isConsentPage(browser.openAuthorization(again))).isTrue();
  }

  @Test
  void tokenWhenIncludeGrantedScopesThenScopeIsUnionOfGrants() {
    exchange(browser.authorize(request("openid email"), ALICE));
    Map<String, String> incremental = request(GMAIL_READONLY);
    incremental.put("include_granted_scopes", "true");
    Map<String, String> withoutUnion = request(CALENDAR);

    Map<String, Object> union = exchange(browser.authorize(incremental, ALICE));
    Map<String, Object> only = exchange(browser.authorize(withoutUnion, ALICE));

    assertThat(((String) union.get("scope")).split(" "))
        .containsExactlyInAnyOrder("openid", "email", GMAIL_READONLY);
    assertThat(only).containsEntry("scope", CALENDAR);
  }

  @Test
  void revokeWhenRefreshTokenRevokedThenWholeGrantDiesAndNextAuthorizationAsksAgain() {
    Map<String, Object> tokens = exchange(browser.authorize(offline("openid email"), ALICE));

    HttpResponse<String> revoked =
        browser.postForm("/revoke", Map.of("token", (String) tokens.get("refresh_token")), null);

    assertThat(revoked.statusCode()).isEqualTo(200);
    HttpResponse<String> refresh = browser.token(refreshWith((String) tokens.get("refresh_token")));
    assertThat(refresh.statusCode()).isEqualTo(400);
    assertThat(json(refresh))
        .containsEntry("error", "invalid_grant")
        .containsEntry("error_description", "Token has been expired or revoked.");
    assertThat(browser.get("/oauth2/v3/userinfo", (String) tokens.get("access_token")).statusCode())
        .isEqualTo(401);
    Map<String, String> again = offline("openid email");
    again.put("login_hint", ALICE);
    HttpResponse<String> page = browser.openAuthorization(again);
    assertThat(Browser.isConsentPage(page)).isTrue();
    Map<String, Object> fresh =
        exchange(Browser.redirectParameters(browser.answerConsent(page, List.of(), "Allow")));
    assertThat(fresh).containsKey("refresh_token");
    assertThat(emulator.stats().get("revocations")).isEqualTo(1);
  }

  @Test
  void revokeWhenAccessTokenRevokedThenRefreshTokenDiesToo() {
    Map<String, Object> tokens = exchange(browser.authorize(offline("openid"), ALICE));

    HttpResponse<String> revoked =
        browser.postForm("/revoke?token=" + tokens.get("access_token"), Map.of(), null);

    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(browser.token(refreshWith((String) tokens.get("refresh_token"))).statusCode())
        .isEqualTo(400);
  }

  @Test
  void revokeWhenTokenUnknownThenInvalidToken() {
    HttpResponse<String> response =
        browser.postForm("/revoke", Map.of("token", "ya29.unknown"), null);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response))
        .containsEntry("error", "invalid_token")
        .containsEntry("error_description", "Token expired or revoked");
  }

  @Test
  void promptNoneWhenAccountUnknownThenLoginRequired() {
    Map<String, String> parameters = request("openid");
    parameters.put("prompt", "none");

    Map<String, String> redirect =
        Browser.redirectParameters(browser.openAuthorization(parameters));

    assertThat(redirect)
        .containsEntry("error", "login_required")
        .containsEntry("state", "state-123");
  }

  @Test
  void promptNoneWhenScopesNotGrantedThenConsentRequired() {
    Map<String, String> parameters = request("openid " + GMAIL_READONLY);
    parameters.put("prompt", "none");
    parameters.put("login_hint", ALICE);
    browser.authorize(request("openid"), ALICE);

    Map<String, String> redirect =
        Browser.redirectParameters(browser.openAuthorization(parameters));

    assertThat(redirect)
        .containsEntry("error", "consent_required")
        .containsEntry("state", "state-123");
  }

  @Test
  void promptNoneWhenSessionKnowsAccountAndScopesGrantedThenCodeWithoutUi() {
    browser.authorize(request("openid email"), ALICE); // sets the emulator session cookie
    Map<String, String> parameters = request("openid email");
    parameters.put("prompt", "none");

    Map<String, String> redirect =
        Browser.redirectParameters(browser.openAuthorization(parameters));

    assertThat(redirect).containsKey("code").doesNotContainKey("error");
    assertThat(exchange(redirect)).containsKey("access_token");
    assertThat(
            new Browser(emulator.baseUrl())
                .openAuthorization(parameters)
                .headers()
                .firstValue("Location"))
        .hasValueSatisfying(location -> assertThat(location).contains("error=login_required"));
  }

  @Test
  void idTokenWhenIssuedThenVerifiesAgainstJwksAndCarriesClaims() throws Exception {
    Map<String, String> parameters = request("openid email profile");
    parameters.put("nonce", "nonce-456");
    Map<String, Object> tokens = exchange(browser.authorize(parameters, ALICE));

    SignedJWT idToken = SignedJWT.parse((String) tokens.get("id_token"));
    JWKSet keys = JWKSet.parse(browser.get("/oauth2/v3/certs", null).body());
    RSAKey key = (RSAKey) keys.getKeyByKeyId(idToken.getHeader().getKeyID());

    assertThat(idToken.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
    assertThat(key).isNotNull();
    assertThat(key.isPrivate()).isFalse();
    assertThat(idToken.verify(new RSASSAVerifier(key))).isTrue();
    var claims = idToken.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo(emulator.baseUrl());
    assertThat(claims.getAudience()).containsExactly(CLIENT_ID);
    assertThat(claims.getSubject()).isEqualTo(emulator.accounts().find(ALICE).orElseThrow().sub());
    assertThat(claims.getClaim("email")).isEqualTo(ALICE);
    assertThat(claims.getClaim("email_verified")).isEqualTo(true);
    assertThat(claims.getClaim("nonce")).isEqualTo("nonce-456");
    assertThat(claims.getClaim("azp")).isEqualTo(CLIENT_ID);
    assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
  }

  @Test
  void tokeninfoWhenTokensValidThenGoogleFieldsAndWhenInvalidThenInvalidValue() {
    Map<String, Object> tokens = exchange(browser.authorize(offline("openid email"), ALICE));

    Map<String, Object> access =
        json(browser.get("/tokeninfo?access_token=" + tokens.get("access_token"), null));
    Map<String, Object> id =
        json(browser.get("/tokeninfo?id_token=" + tokens.get("id_token"), null));
    HttpResponse<String> invalid = browser.get("/tokeninfo?access_token=ya29.nope", null);

    assertThat(access)
        .containsEntry("azp", CLIENT_ID)
        .containsEntry("aud", CLIENT_ID)
        .containsEntry("email", ALICE)
        .containsEntry("email_verified", "true")
        .containsEntry("access_type", "offline")
        .containsKeys("sub", "scope", "exp", "expires_in");
    assertThat(id).containsEntry("aud", CLIENT_ID).containsEntry("email", ALICE);
    assertThat(invalid.statusCode()).isEqualTo(400);
    assertThat(json(invalid))
        .containsEntry("error", "invalid_token")
        .containsEntry("error_description", "Invalid Value");
  }

  @Test
  void userinfoWhenEmailScopeMissingThenNoEmailFields() {
    Map<String, Object> tokens = exchange(browser.authorize(request("openid profile"), ALICE));

    Map<String, Object> userinfo =
        json(browser.get("/oauth2/v3/userinfo", (String) tokens.get("access_token")));

    assertThat(userinfo)
        .containsEntry("name", "Alice Example")
        .containsEntry("given_name", "Alice")
        .containsEntry("family_name", "Example")
        .containsKey("sub")
        .doesNotContainKeys("email", "email_verified");
    assertThat(browser.get("/oauth2/v3/userinfo", "ya29.bogus").statusCode()).isEqualTo(401);
  }

  @Test
  void adminRevokeWhenAccountRevokedThenRefreshFailsAndGrantsShowRevoked() {
    Map<String, Object> tokens = exchange(browser.authorize(offline("openid email"), ALICE));
    Map<String, Object> before = json(browser.get("/emulator/accounts/" + ALICE + "/grants", null));

    HttpResponse<String> revoked = browser.post("/emulator/accounts/" + ALICE + "/revoke");

    assertThat(revoked.statusCode()).isEqualTo(200);
    assertThat(before.toString())
        .contains("revoked=false")
        .contains("refreshTokens=1.0")
        .doesNotContain((String) tokens.get("refresh_token"));
    assertThat(browser.token(refreshWith((String) tokens.get("refresh_token"))).statusCode())
        .isEqualTo(400);
    assertThat(browser.get("/oauth2/v3/userinfo", (String) tokens.get("access_token")).statusCode())
        .isEqualTo(401);
    Map<String, Object> after = json(browser.get("/emulator/accounts/" + ALICE + "/grants", null));
    assertThat(after.toString()).contains("revoked=true").contains("refreshTokens=0.0");
    assertThat(browser.post("/emulator/accounts/nobody@example.com/revoke").statusCode())
        .isEqualTo(404);
  }

  @Test
  void adminExpireWhenTokensExpiredThenApiRefusesUntilRefreshed() {
    Map<String, Object> tokens = exchange(browser.authorize(offline("openid email"), ALICE));

    HttpResponse<String> expired = browser.post("/emulator/accounts/" + ALICE + "/tokens/expire");

    assertThat(json(expired)).containsEntry("expiredAccessTokens", 1.0);
    assertThat(emulator.context().tokenVerifier().verify((String) tokens.get("access_token")))
        .isEmpty();
    assertThat(browser.get("/oauth2/v3/userinfo", (String) tokens.get("access_token")).statusCode())
        .isEqualTo(401);
    Map<String, Object> refreshed =
        json(browser.token(refreshWith((String) tokens.get("refresh_token"))));
    assertThat(emulator.context().tokenVerifier().verify((String) refreshed.get("access_token")))
        .hasValueSatisfying(grant -> assertThat(grant.account().email()).isEqualTo(ALICE));
  }

  @Test
  void settingsWhenTtlChangedThenNewTokensUseIt() {
    HttpResponse<String> settings =
        browser.put("/emulator/oauth/settings", "{\"accessTokenTtlSeconds\":120}");
    HttpResponse<String> bad =
        browser.put("/emulator/oauth/settings", "{\"accessTokenTtlSeconds\":-1}");

    Map<String, Object> tokens = exchange(browser.authorize(request("openid"), ALICE));

    assertThat(json(settings)).containsEntry("accessTokenTtlSeconds", 120.0);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(tokens).containsEntry("expires_in", 120.0);
  }
}
