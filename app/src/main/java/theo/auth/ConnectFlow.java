package theo.auth;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.io.Serializable;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.annotation.Order;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.stereotype.Component;

/**
 * The OAuth round trip of an integration. {@code /oauth2/authorization/google?integration=gmail
 * &callbackUrl=/settings/integrations/gmail} asks Google for BASE plus the registry's scopes of
 * that integration with {@code access_type=offline} and {@code prompt=consent}, remembering the
 * intent in the session; the callback then switches the integration on when its read scope was
 * granted and sends the browser back to the callback URL with {@code connected=<id>} or {@code
 * error=<code>&integration=<id>}.
 */
@Component
@Order(0)
record ConnectFlow(
    ScopeUpgrade scopeUpgrade,
    GoogleAccountRepository accounts,
    ApplicationEventPublisher events,
    MeterRegistry meters)
    implements AuthorizationRequestCustomizer {
  static final String INTEGRATION_PARAMETER = "integration";
  static final String CALLBACK_PARAMETER = "callbackUrl";
  private static final String PENDING = ConnectFlow.class.getName() + ".PENDING";
  private static final String DEFAULT_TARGET = "/settings/integrations";

  private static final Logger log = LoggerFactory.getLogger(ConnectFlow.class);
  static final String FAILURES_METRIC = "theo.sign-in.failures";
  static final String SUCCESSES_METRIC = "theo.sign-in.successes";

  @Override
  public void customize(
      HttpServletRequest request, OAuth2AuthorizationRequest.Builder authorization) {
    HttpSession session = request.getSession();
    session.removeAttribute(PENDING);
    Optional<IntegrationScopes> integration =
        Optional.ofNullable(request.getParameter(INTEGRATION_PARAMETER))
            .flatMap(Scopes::forIntegration);
    if (integration.isEmpty()) {
      return;
    }
    String callback = request.getParameter(CALLBACK_PARAMETER);
    String id = integration.get().integration();
    if (!ConnectUrls.isSafe(callback)) {
      callback = ConnectUrls.settingsPage(id);
    }
    Set<String> scopes = Scopes.requestedFor(integration.get());
    authorization
        .scopes(scopes)
        .additionalParameters(
            (Map<String, Object> parameters) -> {
              parameters.put("access_type", "offline");
              parameters.put("prompt", "consent");
            });
    session.setAttribute(PENDING, new Pending(id, callback, signedInUser().orElse(null)));
  }

  /** After a successful callback: switch the integration on, or report what was not granted. */
  AuthenticationSuccessHandler successHandler() {
    SavedRequestAwareAuthenticationSuccessHandler signIn =
        new SavedRequestAwareAuthenticationSuccessHandler();
    signIn.setDefaultTargetUrl(DEFAULT_TARGET);
    return (request, response, authentication) -> {
      Pending pending = take(request);
      if (pending == null || !(authentication.getPrincipal() instanceof SignedInUser user)) {
        meters.counter(SUCCESSES_METRIC, "flow", "sign-in").increment();
        signIn.onAuthenticationSuccess(request, response, authentication);
        return;
      }
      IntegrationScopes integration = Scopes.forIntegration(pending.integration()).orElseThrow();
      Set<String> granted =
          accounts.find(user.userId()).map(GoogleAccount::grantedScopes).orElse(Set.of());
      if (integration.hasReadAccess(granted)) {
        meters.counter(SUCCESSES_METRIC, "flow", "connect").increment();
        scopeUpgrade.enable(integration, user.userId());
        events.publishEvent(
            new IntegrationAuthorized(
                user.userId(), pending.integration(), granted, integration.missing(granted)));
        redirect(
            response,
            ConnectUrls.withParameter(pending.callbackUrl(), "connected", pending.integration()));
      } else {
        failed(
            SignInFailure.READ_SCOPE_NOT_GRANTED, "read_scope_not_granted", pending, user.userId());
        redirect(response, failureUrl(pending, SignInFailure.READ_SCOPE_NOT_GRANTED));
      }
    };
  }

  /**
   * After a failed callback: logs and counts it, audits it for the signed-in person when it was a
   * connect, and sends the browser back with a reason the page can put into words.
   */
  AuthenticationFailureHandler failureHandler() {
    return (HttpServletRequest request,
        HttpServletResponse response,
        AuthenticationException exception) -> {
      Pending pending = take(request);
      SignInFailure failure = SignInFailure.of(exception);
      UUID userId = pending != null ? pending.userId() : signedInUser().orElse(null);
      failed(failure, SignInFailure.errorCode(exception), pending, userId);
      redirect(
          response, pending == null ? "/?error=" + failure.reason() : failureUrl(pending, failure));
    };
  }

  private void failed(
      SignInFailure failure, String errorCode, @Nullable Pending pending, @Nullable UUID userId) {
    String flow = pending == null ? "sign-in" : "connect";
    log.warn(
        "{} failed: {} (error code {}{}{})",
        pending == null ? "Sign-in" : "Connecting " + pending.integration(),
        failure.reason(),
        errorCode,
        userId == null ? "" : ", user ",
        userId == null ? "" : userId);
    meters.counter(FAILURES_METRIC, "reason", failure.reason(), "flow", flow).increment();
    if (pending != null) {
      events.publishEvent(
          new IntegrationAuthorizationFailed(
              userId, pending.integration(), failure.reason(), failure.words()));
    }
  }

  private static Optional<UUID> signedInUser() {
    Authentication current =
        org.springframework.security.core.context.SecurityContextHolder.getContext()
            .getAuthentication();
    return current != null && current.getPrincipal() instanceof SignedInUser user
        ? Optional.of(user.userId())
        : Optional.empty();
  }

  private static String failureUrl(Pending pending, SignInFailure failure) {
    return ConnectUrls.withParameter(
        ConnectUrls.withParameter(pending.callbackUrl(), "error", failure.reason()),
        "integration",
        pending.integration());
  }

  private static @Nullable Pending take(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null) {
      return null;
    }
    Object pending = session.getAttribute(PENDING);
    session.removeAttribute(PENDING);
    return pending instanceof Pending value ? value : null;
  }

  private static void redirect(HttpServletResponse response, String url)
      throws IOException, ServletException {
    response.sendRedirect(url);
  }

  /** What a connect flow in progress will do on return; kept in the (JDBC) session. */
  record Pending(String integration, String callbackUrl, @Nullable UUID userId)
      implements Serializable {}
}
