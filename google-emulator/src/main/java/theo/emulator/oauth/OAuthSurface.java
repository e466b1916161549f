package theo.emulator.oauth;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import theo.emulator.AccessGrant;
import theo.emulator.Account;
import theo.emulator.EmulatorContext;
import theo.emulator.Surface;
import theo.emulator.http.GoogleErrors;
import theo.emulator.http.Request;
import theo.emulator.http.Response;
import theo.emulator.http.Router;

/**
 * Google's OAuth 2.0 and OpenID Connect surface: discovery, authorization pages, token, userinfo,
 * tokeninfo, revocation and JWKS, plus admin endpoints to revoke grants and expire tokens. It
 * installs the emulator's access token verifier, so the API surfaces accept the tokens it issues.
 */
public final class OAuthSurface implements Surface {
  private final EmulatorContext context;
  private final Grants grants;
  private final IdTokens idTokens;
  private final AuthorizationEndpoint authorization;
  private final TokenEndpoint tokens;

  public OAuthSurface(EmulatorContext context) {
    this.context = context;
    this.grants = new Grants(context.clock());
    this.idTokens = new IdTokens(context.clock());
    this.authorization = new AuthorizationEndpoint(context, grants);
    this.tokens = new TokenEndpoint(context, grants, idTokens);
    context.jwtSigner(idTokens::sign);
    context.tokenVerifier(
        token ->
            grants
                .liveAccessToken(token)
                .map(
                    access ->
                        new AccessGrant(
                            access.account(),
                            access.clientId(),
                            access.scopes(),
                            access.expiresAt())));
  }

  @Override
  public void register(Router router) {
    router
        .get("/.well-known/openid-configuration", request -> Response.json(200, discovery()))
        .get("/o/oauth2/v2/auth", authorization::authorize)
        .post(Pages.CHOOSE_PATH, authorization::choose)
        .post(Pages.CONSENT_PATH, authorization::consent)
        .post("/token", tokens::token)
        .get("/oauth2/v3/userinfo", tokens::userinfo)
        .post("/oauth2/v3/userinfo", tokens::userinfo)
        .get("/tokeninfo", tokens::tokeninfo)
        .post("/tokeninfo", tokens::tokeninfo)
        .post("/revoke", tokens::revoke)
        .get("/oauth2/v3/certs", request -> Response.json(200, idTokens.jwks()))
        .post("/emulator/accounts/{email}/revoke", this::revokeAccount)
        .post("/emulator/accounts/{email}/tokens/expire", this::expireTokens)
        .get("/emulator/accounts/{email}/grants", this::describeGrants)
        .get("/emulator/oauth/settings", request -> Response.json(200, settings()))
        .put("/emulator/oauth/settings", this::updateSettings);
  }

  private Map<String, Object> discovery() {
    String base = context.baseUrl();
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("issuer", base);
    document.put("authorization_endpoint", base + "/o/oauth2/v2/auth");
    document.put("token_endpoint", base + "/token");
    document.put("userinfo_endpoint", base + "/oauth2/v3/userinfo");
    document.put("revocation_endpoint", base + "/revoke");
    document.put("jwks_uri", base + "/oauth2/v3/certs");
    document.put("response_types_supported", List.of("code"));
    document.put("subject_types_supported", List.of("public"));
    document.put("id_token_signing_alg_values_supported", List.of("RS256"));
    document.put("scopes_supported", List.of("openid", "email", "profile"));
    document.put(
        "token_endpoint_auth_methods_supported",
        List.of("client_secret_post", "client_secret_basic"));
    document.put(
        "claims_supported",
        List.of(
            "aud",
            "email",
            "email_verified",
            "exp",
            "family_name",
            "given_name",
            "iat",
            "iss",
            "name",
            "sub"));
    document.put("code_challenge_methods_supported", List.of("plain", "S256"));
    document.put("grant_types_supported", List.of("authorization_code", "refresh_token"));
    return document;
  }

  private Response revokeAccount(Request request) {
    Account account = account(request);
    List<String> clients = grants.revokeAll(account);
    context.stats().add("revocations", clients.size());
    return Response.json(200, Map.of("email", account.email(), "revokedClients", clients));
  }

  private Response expireTokens(Request request) {
    Account account = account(request);
    int expired = grants.expireAccessTokens(account);
    return Response.json(200, Map.of("email", account.email(), "expiredAccessTokens", expired));
  }

  private Response describeGrants(Request request) {
    Account account = account(request);
    return Response.json(200, Map.of("email", account.email(), "grants", grants.describe(account)));
  }

  private Response updateSettings(Request request) {
    Object ttl = request.jsonObject().get("accessTokenTtlSeconds");
    if (ttl != null) {
      if (!(ttl instanceof Number seconds) || seconds.longValue() <= 0) {
        return GoogleErrors.api(
            400, "invalid", "accessTokenTtlSeconds must be a positive number of seconds");
      }
      grants.accessTokenTtl(Duration.ofSeconds(seconds.longValue()));
    }
    return Response.json(200, settings());
  }

  private Map<String, Object> settings() {
    return Map.of("accessTokenTtlSeconds", grants.accessTokenTtl().toSeconds());
  }

  private Account account(Request request) {
    String email = request.pathVariable("email");
    return context
        .accounts()
        .find(email)
        .orElseThrow(() -> GoogleErrors.apiException(404, "notFound", "No account " + email));
  }
}
