package theo.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * Builds Google authorization requests: Spring's state and OIDC nonce, PKCE S256 (also for our
 * confidential client), {@code include_granted_scopes=true} so every token carries all scopes
 * granted so far, then each {@link AuthorizationRequestCustomizer}.
 */
class GoogleAuthorizationRequestResolver implements OAuth2AuthorizationRequestResolver {
  static final String AUTHORIZATION_BASE_URI = "/oauth2/authorization";

  private final DefaultOAuth2AuthorizationRequestResolver delegate;
  private final List<AuthorizationRequestCustomizer> customizers;
  // Spring's customizer hook gets only the builder; customizers also need the request.
  private final ThreadLocal<HttpServletRequest> current = new ThreadLocal<>();

  GoogleAuthorizationRequestResolver(
      ClientRegistrationRepository registrations,
      List<AuthorizationRequestCustomizer> customizers) {
    this.customizers = List.copyOf(customizers);
    this.delegate =
        new DefaultOAuth2AuthorizationRequestResolver(registrations, AUTHORIZATION_BASE_URI);
    delegate.setAuthorizationRequestCustomizer(
        OAuth2AuthorizationRequestCustomizers.withPkce().andThen(this::customize));
  }

  @Override
  public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
    current.set(request);
    try {
      return delegate.resolve(request);
    } finally {
      current.remove();
    }
  }

  @Override
  public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
    current.set(request);
    try {
      return delegate.resolve(request, registrationId);
    } finally {
      current.remove();
    }
  }

  private void customize(OAuth2AuthorizationRequest.Builder authorization) {
    authorization.additionalParameters(
        (Map<String, Object> parameters) -> parameters.put("include_granted_scopes", "true"));
    HttpServletRequest request = current.get();
    for (AuthorizationRequestCustomizer customizer : customizers) {
      customizer.customize(request, authorization);
    }
  }
}
