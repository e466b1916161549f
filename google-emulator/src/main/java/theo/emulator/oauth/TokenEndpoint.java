package theo.emulator.oauth;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import theo.emulator.Account;
import theo.emulator.EmulatorContext;
import theo.emulator.http.ApiException;
import theo.emulator.http.GoogleErrors;
import theo.emulator.http.Request;
import theo.emulator.http.Response;

/** The token, userinfo, tokeninfo and revocation endpoints. */
final class TokenEndpoint {
  private static final Set<String> EMAIL_SCOPES =
      Set.of("email", "https://www.googleapis.com/auth/userinfo.email");

  private final EmulatorContext context;
  private final Grants grants;
  private final IdTokens idTokens;

  TokenEndpoint(EmulatorContext context, Grants grants, IdTokens idTokens) {
    this.context = context;
    this.grants = grants;
    this.idTokens = idTokens;
  }

  Response token(Request request) {
    try {
      Response response = exchange(request);
      return response.withHeader("Cache-Control", "no-store").withHeader("Pragma", "no-cache");
    } catch (ApiException e) {
      context.stats().increment("tokenErrors");
      throw e;
    }
  }

  private Response exchange(Request request) {
    String clientId = authenticateClient(request);
    String grantType = required(request, "grant_type");
    return switch (grantType) {
      case "authorization_code" -> {
        Grants.Issued issued =
            grants.exchange(
                required(request, "code"),
                clientId,
                required(request, "redirect_uri"),
                request.form("code_verifier").orElse(null));
        context.stats().increment("tokenExchanges");
        yield tokenResponse(issued, clientId);
      }
      case "refresh_token" -> {
        Grants.Issued issued = grants.refresh(required(request, "refresh_token"), clientId);
        context.stats().increment("refreshes");
        yield tokenResponse(issued, clientId);
      }
      default ->
          throw GoogleErrors.oauthException(
              400, "unsupported_grant_type", "Invalid grant_type: " + grantType);
    };
  }

  private Response tokenResponse(Grants.Issued issued, String clientId) {
    Grants.AccessToken access = issued.access();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("access_token", access.value());
    body.put("expires_in", secondsLeft(access));
    if (issued.refresh() != null) {
      body.put("refresh_token", issued.refresh().value());
    }
    body.put("scope", String.join(" ", new TreeSet<>(access.scopes())));
    body.put("token_type", "Bearer");
    if (access.scopes().contains("openid")) {
      body.put(
          "id_token",
          idTokens.issue(
              context.baseUrl(), access.account(), clientId, issued.nonce(), access.value()));
    }
    return Response.json(200, body);
  }

  /** client_secret_basic (preferred when present) or client_secret_post; 401 otherwise. */
  private String authenticateClient(Request request) {
    String clientId;
    String secret;
    Optional<String> basic =
        request
            .header("Authorization")
            .filter(value -> value.regionMatches(true, 0, "Basic ", 0, 6));
    if (basic.isPresent()) {
      String decoded;
      try {
        decoded =
            new String(
                Base64.getDecoder().decode(basic.get().substring(6).trim()),
                StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw invalidClient("Unauthorized");
      }
      int colon = decoded.indexOf(':');
      if (colon < 0) {
        throw invalidClient("Unauthorized");
      }
      clientId = formDecode(decoded.substring(0, colon));
      secret = formDecode(decoded.substring(colon + 1));
    } else {
      clientId = request.form("client_id").orElse(null);
      secret = request.form("client_secret").orElse(null);
    }
    if (clientId == null || clientId.isEmpty()) {
      throw invalidClient("The OAuth client was not found.");
    }
    String expected = context.options().clients().get(clientId);
    if (expected == null) {
      throw invalidClient("The OAuth client was not found.");
    }
    if (secret == null
        || !MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
      throw invalidClient("Unauthorized");
    }
    return clientId;
  }

  Response userinfo(Request request) {
    Optional<Grants.AccessToken> token = request.bearerToken().flatMap(grants::liveAccessToken);
    if (token.isEmpty()) {
      return GoogleErrors.oauth(401, "invalid_request", "Invalid Credentials")
          .withHeader(
              "WWW-Authenticate",
              "Bearer realm=\"https://accounts.google.com/\", error=\"invalid_token\"");
    }
    Account account = token.get().account();
    String[] names = IdTokens.GivenAndFamily.split(account.name());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("sub", account.sub());
    body.put("name", account.name());
    body.put("given_name", names[0]);
    if (!names[1].isEmpty()) {
      body.put("family_name", names[1]);
    }
    if (hasEmailScope(token.get().scopes())) {
      body.put("email", account.email());
      body.put("email_verified", true);
    }
    return Response.json(200, body);
  }

  Response tokeninfo(Request request) {
    Optional<String> accessToken = request.param("access_token");
    if (accessToken.isPresent()) {
      return grants
          .liveAccessToken(accessToken.get())
          .map(this::accessTokenInfo)
          .orElseGet(TokenEndpoint::invalidValue);
    }
    Optional<String> idToken = request.param("id_token");
    if (idToken.isPresent()) {
      return idTokens
          .verify(idToken.get())
          .map(TokenEndpoint::idTokenInfo)
          .orElseGet(TokenEndpoint::invalidValue);
    }
    return invalidValue();
  }

  private Response accessTokenInfo(Grants.AccessToken token) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("azp", token.clientId());
    body.put("aud", token.clientId());
    body.put("sub", token.account().sub());
    body.put("scope", String.join(" ", new TreeSet<>(token.scopes())));
    body.put("exp", String.valueOf(token.expiresAt().getEpochSecond()));
    body.put("expires_in", String.valueOf(secondsLeft(token)));
    if (hasEmailScope(token.scopes())) {
      body.put("email", token.account().email());
      body.put("email_verified", "true");
    }
    body.put("access_type", token.offline() ? "offline" : "online");
    return Response.json(200, body);
  }

  private static Response idTokenInfo(SignedJWT jwt) {
    try {
      Map<String, Object> body = new LinkedHashMap<>();
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      // Google's tokeninfo answers every claim as a string.
      claims
          .getClaims()
          .forEach(
              (name, value) -> {
                Object plain =
                    value instanceof java.util.Date date
                        ? date.toInstant().getEpochSecond()
                        : value instanceof java.util.List<?> list && list.size() == 1
                            ? list.get(0)
                            : value;
                body.put(name, String.valueOf(plain));
              });
      body.put("alg", jwt.getHeader().getAlgorithm().getName());
      body.put("kid", jwt.getHeader().getKeyID());
      body.put("typ", "JWT");
      return Response.json(200, body);
    } catch (ParseException e) {
      return invalidValue();
    }
  }

  Response revoke(Request request) {
    Optional<String> token = request.form("token").or(() -> request.query("token"));
    if (token.isEmpty() || token.get().isEmpty()) {
      return GoogleErrors.oauth(400, "invalid_request", "Missing required parameter: token");
    }
    if (!grants.revoke(token.get())) {
      return GoogleErrors.oauth(400, "invalid_token", "Token expired or revoked");
    }
    context.stats().increment("revocations");
    return Response.json(200, Map.of());
  }

  /** Rounded up, so a token issued with a 3599 s lifetime reports 3599 however long we took. */
  private long secondsLeft(Grants.AccessToken token) {
    long millis = Duration.between(context.clock().instant(), token.expiresAt()).toMillis();
    return Math.max(0, (millis + 999) / 1000);
  }

  private static boolean hasEmailScope(Set<String> scopes) {
    return scopes.stream().anyMatch(EMAIL_SCOPES::contains);
  }

  private static Response invalidValue() {
    return GoogleErrors.oauth(400, "invalid_token", "Invalid Value");
  }

  private static String required(Request request, String name) {
    return request
        .form(name)
        .filter(value -> !value.isEmpty())
        .orElseThrow(
            () ->
                GoogleErrors.oauthException(
                    400, "invalid_request", "Missing required parameter: " + name));
  }

  private static ApiException invalidClient(String description) {
    return GoogleErrors.oauthException(401, "invalid_client", description);
  }

  private static String formDecode(String value) {
    try {
      return URLDecoder.decode(value, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return value;
    }
  }
}
