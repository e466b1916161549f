package theo.emulator.oauth;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import theo.emulator.Account;
import theo.emulator.EmulatorContext;
import theo.emulator.http.Request;
import theo.emulator.http.Response;

/**
 * {@code /o/oauth2/v2/auth}: validates the request, then account chooser, then consent, then a
 * redirect carrying a code (or an error) back to the client.
 */
final class AuthorizationEndpoint {
  static final String SESSION_COOKIE = "EMULATOR_SID";
  private static final Pattern CHALLENGE = Pattern.compile("[A-Za-z0-9._~-]{43,128}");

  private final EmulatorContext context;
  private final Grants grants;

  AuthorizationEndpoint(EmulatorContext context, Grants grants) {
    this.context = context;
    this.grants = grants;
  }

  Response authorize(Request request) {
    String clientId = request.query("client_id").orElse("");
    if (!context.options().clients().containsKey(clientId)) {
      return Pages.error(401, "invalid_client", "The OAuth client was not found.");
    }
    String redirectUri = request.query("redirect_uri").orElse("");
    if (!isAbsoluteHttpUrl(redirectUri)) {
      return Pages.error(
          400, "invalid_request", "Missing or invalid required parameter: redirect_uri");
    }
    String responseType = request.query("response_type").orElse("");
    if (!"code".equals(responseType)) {
      return Pages.error(
          400, "invalid_request", "Unsupported response_type (expected code): " + responseType);
    }
    List<String> scopes = words(request.query("scope").orElse("")).stream().distinct().toList();
    if (scopes.isEmpty()) {
      return Pages.error(400, "invalid_request", "Missing required parameter: scope");
    }
    String challenge = request.query("code_challenge").orElse(null);
    String method =
        request.query("code_challenge_method").orElse(challenge == null ? null : "plain");
    if (challenge != null && !CHALLENGE.matcher(challenge).matches()) {
      return Pages.error(400, "invalid_request", "Invalid code_challenge.");
    }
    if (method != null && (challenge == null || !Set.of("S256", "plain").contains(method))) {
      return Pages.error(400, "invalid_request", "Invalid code_challenge_method.");
    }
    String accessType = request.query("access_type").orElse("online");
    if (!Set.of("online", "offline").contains(accessType)) {
      return Pages.error(400, "invalid_request", "Invalid access_type: " + accessType);
    }
    Set<String> prompt = new LinkedHashSet<>(words(request.query("prompt").orElse("")));
    if (prompt.contains("none") && prompt.size() > 1) {
      return Pages.error(
          400, "invalid_request", "prompt=none must not be combined with other values");
    }
    AuthorizationRequest authorization =
        new AuthorizationRequest(
            clientId,
            redirectUri,
            scopes,
            request.query("state").orElse(null),
            request.query("nonce").orElse(null),
            prompt,
            "offline".equals(accessType),
            "true".equals(request.query("include_granted_scopes").orElse("false")),
            request.query("login_hint").orElse(null),
            challenge,
            method);

    Optional<Account> hinted = context.accounts().find(authorization.loginHint());
    if (authorization.promptsFor("none")) {
      return authorizeSilently(request, authorization, hinted);
    }
    String id = grants.hold(authorization);
    if (hinted.isPresent() && !authorization.promptsFor("select_account")) {
      grants.chooseAccount(id, hinted.get());
      return afterAccountChosen(id, authorization, hinted.get());
    }
    return Pages.chooser(id, clientId, context.accounts().all());
  }

  Response choose(Request request) {
    String id = request.form("request_id").orElse(null);
    Optional<Grants.Pending> pending = grants.pending(id);
    if (pending.isEmpty()) {
      return Pages.error(400, "invalid_request", "This sign-in request expired or is unknown.");
    }
    Optional<Account> account = context.accounts().find(request.form("account").orElse(null));
    if (account.isEmpty()) {
      return Pages.chooser(id, pending.get().request().clientId(), context.accounts().all());
    }
    grants.chooseAccount(id, account.get());
    String session = grants.openSession(account.get());
    return afterAccountChosen(id, pending.get().request(), account.get())
        .withHeader(
            "Set-Cookie", SESSION_COOKIE + "=" + session + "; Path=/; HttpOnly; SameSite=Lax");
  }

  Response consent(Request request) {
    Optional<Grants.Pending> pending = grants.pending(request.form("request_id").orElse(null));
    if (pending.isEmpty() || pending.get().account() == null) {
      return Pages.error(400, "invalid_request", "This sign-in request expired or is unknown.");
    }
    grants.release(request.form("request_id").get());
    AuthorizationRequest authorization = pending.get().request();
    Account account = pending.get().account();
    Set<String> ticked = new LinkedHashSet<>(request.formAll("scope"));
    ticked.retainAll(authorization.scopes());
    if (!"allow".equals(request.form("action").orElse("")) || ticked.isEmpty()) {
      return redirectError(authorization, "access_denied");
    }
    Set<String> scopes = grants.consent(authorization, account, ticked);
    return redirectWithCode(authorization, account, scopes, "consent");
  }

  private Response afterAccountChosen(
      String id, AuthorizationRequest authorization, Account account) {
    if (!authorization.promptsFor("consent")
        && grants.covers(account, authorization.clientId(), authorization.scopes())) {
      grants.release(id);
      return redirectWithCode(
          authorization, account, scopesWithoutConsent(authorization, account), "none");
    }
    return Pages.consent(id, authorization.clientId(), account, authorization.scopes());
  }

  private Response authorizeSilently(
      Request request, AuthorizationRequest authorization, Optional<Account> hinted) {
    Optional<Account> account = hinted.or(() -> grants.session(sessionId(request)));
    if (account.isEmpty()) {
      return redirectError(authorization, "login_required");
    }
    if (!grants.covers(account.get(), authorization.clientId(), authorization.scopes())) {
      return redirectError(authorization, "consent_required");
    }
    return redirectWithCode(
        authorization, account.get(), scopesWithoutConsent(authorization, account.get()), "none");
  }

  private Set<String> scopesWithoutConsent(AuthorizationRequest authorization, Account account) {
    Set<String> scopes = new LinkedHashSet<>(authorization.scopes());
    if (authorization.includeGrantedScopes()) {
      scopes.addAll(grants.granted(account, authorization.clientId()));
    }
    return scopes;
  }

  private Response redirectWithCode(
      AuthorizationRequest authorization, Account account, Set<String> scopes, String prompt) {
    String code = grants.issueCode(authorization, account, scopes);
    context.stats().increment("authorizations");
    Map<String, String> parameters = new LinkedHashMap<>();
    if (authorization.state() != null) {
      parameters.put("state", authorization.state());
    }
    parameters.put("code", code);
    parameters.put("scope", String.join(" ", scopes));
    parameters.put("authuser", "0");
    parameters.put("prompt", prompt);
    return Response.redirect(withQuery(authorization.redirectUri(), parameters));
  }

  private static Response redirectError(AuthorizationRequest authorization, String error) {
    Map<String, String> parameters = new LinkedHashMap<>();
    parameters.put("error", error);
    if (authorization.state() != null) {
      parameters.put("state", authorization.state());
    }
    return Response.redirect(withQuery(authorization.redirectUri(), parameters));
  }

  private static String withQuery(String uri, Map<String, String> parameters) {
    StringBuilder url = new StringBuilder(uri);
    char separator = uri.contains("?") ? '&' : '?';
    for (Map.Entry<String, String> entry : parameters.entrySet()) {
      url.append(separator)
          .append(URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8))
          .append('=')
          .append(URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    return url.toString();
  }

  private static String sessionId(Request request) {
    for (String header : request.headers().getOrDefault("Cookie", List.of())) {
      for (String cookie : header.split(";")) {
        String[] pair = cookie.trim().split("=", 2);
        if (pair.length == 2 && pair[0].equals(SESSION_COOKIE)) {
          return pair[1];
        }
      }
    }
    return null;
  }

  private static boolean isAbsoluteHttpUrl(String value) {
    try {
      URI uri = new URI(value);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
          && uri.getHost() != null
          && uri.getFragment() == null;
    } catch (Exception e) {
      return false;
    }
  }

  private static List<String> words(String value) {
    return Arrays.stream(value.trim().split("\\s+")).filter(word -> !word.isEmpty()).toList();
  }
}
