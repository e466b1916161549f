package theo.auth;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.security.autoconfigure.actuate.web.servlet.EndpointRequest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.DelegatingAuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import theo.platform.ApiError;
import theo.platform.GoogleEndpoints;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sign-in with Google (OIDC, PKCE, state, nonce), cookie CSRF tokens, and what signed-out callers
 * get: 401 JSON under {@code /api/**}, a redirect to the landing page elsewhere.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {
  static final String REGISTRATION_ID = "google";

  /**
   * Scripts, styles and calls from Theo's own origin only (no inline script or style, no eval),
   * never framed, forms posting only back to Theo.
   */
  static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none';"
          + " form-action 'self'; frame-ancestors 'none'";

  /** Where Google posts push notifications. */
  static final String WEBHOOKS = "/api/webhooks/google/**";

  static final String PERMISSIONS_POLICY =
      "camera=(), microphone=(), geolocation=(), payment=(), usb=()";

  @Bean
  ClientRegistrationRepository clientRegistrations(GoogleEndpoints google) {
    ClientRegistration registration =
        ClientRegistration.withRegistrationId(REGISTRATION_ID)
            .clientName("Google")
            .clientId(google.clientId())
            .clientSecret(google.clientSecret())
            .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
            .authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
            .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
            .scope(Scopes.BASE)
            .authorizationUri(google.authorizationUri())
            .tokenUri(google.tokenUri())
            .userInfoUri(google.userinfoUri())
            .userNameAttributeName(IdTokenClaimNames.SUB)
            .jwkSetUri(google.jwksUri())
            .issuerUri(google.issuerUri())
            .build();
    return new InMemoryClientRegistrationRepository(registration);
  }

  @Bean
  OAuth2AuthorizedClientService authorizedClients(
      ClientRegistrationRepository registrations,
      GoogleAccountRepository accounts,
      TokenCipher cipher,
      Clock clock) {
    return new GoogleAuthorizedClientService(registrations, accounts, cipher, clock);
  }

  @Bean
  SecurityFilterChain securityFilterChain(
      HttpSecurity http,
      ClientRegistrationRepository registrations,
      List<AuthorizationRequestCustomizer> customizers,
      Users users,
      ConnectFlow connectFlow,
      JsonMapper json,
      Environment environment)
      throws Exception {
    http.authorizeHttpRequests(
            requests ->
                requests
                    .requestMatchers(
                        "/",
                        "/error",
                        "/css/**",
                        "/js/**",
                        "/favicon.ico",
                        "/actuator/health",
                        "/actuator/health/**",
                        "/livez",
                        "/readyz")
                    .permitAll()
                    .requestMatchers(managementPort(environment))
                    .permitAll()
                    // Google's push notifications: each authenticates itself (channel token or
                    // Pub/Sub's OIDC token), outside sessions and CSRF.
                    .requestMatchers(WEBHOOKS)
                    .permitAll()
                    .anyRequest()
                    .authenticated())
        .exceptionHandling(
            exceptions ->
                exceptions.authenticationEntryPoint(
                    DelegatingAuthenticationEntryPoint.builder()
                        .addEntryPointFor(
                            unauthenticatedJson(json),
                            PathPatternRequestMatcher.withDefaults().matcher("/api/**"))
                        .defaultEntryPoint(new LoginUrlAuthenticationEntryPoint("/"))
                        .build()))
        .oauth2Login(
            login ->
                login
                    .loginPage("/")
                    .successHandler(connectFlow.successHandler())
                    .failureHandler(connectFlow.failureHandler())
                    .authorizationEndpoint(
                        authorization ->
                            authorization.authorizationRequestResolver(
                                new GoogleAuthorizationRequestResolver(registrations, customizers)))
                    .userInfoEndpoint(
                        userInfo -> userInfo.oidcUserService(new SignInUserService(users))))
        .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/"))
        .requestCache(cache -> cache.requestCache(pagesOnly()))
        .headers(
            headers ->
                headers
                    .contentSecurityPolicy(csp -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
                    .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
                    .frameOptions(frames -> frames.deny())
                    .permissionsPolicyHeader(policy -> policy.policy(PERMISSIONS_POLICY)))
        .csrf(
            csrf ->
                csrf.ignoringRequestMatchers(WEBHOOKS)
                    .csrfTokenRepository(csrfCookie())
                    // Plain handler: the X-XSRF-TOKEN header carries the raw cookie value.
                    .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler()))
        .addFilterAfter(new CsrfCookieFilter(), CsrfFilter.class);
    return http.build();
  }

  /**
   * Every actuator endpoint, when it is served on the management port (loopback unless configured
   * otherwise; Prometheus scrapes it there). Served on the public port, only health is open: the
   * others then need a signed-in person, never anyone.
   */
  private static RequestMatcher managementPort(Environment environment) {
    return ManagementPortType.get(environment) == ManagementPortType.DIFFERENT
        ? EndpointRequest.toAnyEndpoint()
        : request -> false;
  }

  /**
   * The XSRF-TOKEN cookie: readable by the pages' scripts, {@code SameSite=Lax}, and {@code Secure}
   * whenever the request is HTTPS (as Tomcat sees it, forwarded headers from a trusted proxy
   * included).
   */
  private static CookieCsrfTokenRepository csrfCookie() {
    CookieCsrfTokenRepository repository = CookieCsrfTokenRepository.withHttpOnlyFalse();
    repository.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
    return repository;
  }

  /**
   * Remembers only page visits for after sign-in: an API URL, a POST or a static file opened while
   * signed out must not become where the person lands (raw JSON).
   */
  private static RequestCache pagesOnly() {
    PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
    HttpSessionRequestCache cache = new HttpSessionRequestCache();
    cache.setRequestMatcher(
        new AndRequestMatcher(
            paths.matcher(HttpMethod.GET, "/**"),
            new NegatedRequestMatcher(
                new OrRequestMatcher(
                    paths.matcher("/api/**"),
                    paths.matcher("/actuator/**"),
                    paths.matcher("/oauth2/**"),
                    paths.matcher("/login/**"),
                    paths.matcher("/error"),
                    paths.matcher("/css/**"),
                    paths.matcher("/js/**"),
                    paths.matcher("/favicon.ico")))));
    return cache;
  }

  private static AuthenticationEntryPoint unauthenticatedJson(JsonMapper json) {
    byte[] body = json.writeValueAsBytes(ApiError.of("UNAUTHENTICATED", "Sign in first"));
    return (request, response, exception) -> {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.getOutputStream().write(body);
    };
  }

  /** Loads the deferred CSRF token so the XSRF-TOKEN cookie is there for scripts from page one. */
  static final class CsrfCookieFilter extends OncePerRequestFilter {
    @Override
    protected void doFilterInternal(
        HttpServletRequest request, HttpServletResponse response, FilterChain chain)
        throws ServletException, IOException {
      CsrfToken token = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
      if (token != null) {
        token.getToken();
      }
      chain.doFilter(request, response);
    }
  }
}
