package theo.auth;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;

/**
 * A hook into every authorization request Theo sends to Google, applied after PKCE, nonce and
 * {@code include_granted_scopes}. An integration's connect flow uses it to add its scopes, {@code
 * access_type=offline} and {@code prompt=consent} from an intent kept in the session. Beans of this
 * type run in {@code @Order}.
 */
@FunctionalInterface
public interface AuthorizationRequestCustomizer {

  void customize(HttpServletRequest request, OAuth2AuthorizationRequest.Builder authorization);
}
