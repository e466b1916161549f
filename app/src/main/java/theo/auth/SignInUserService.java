package theo.auth;

import java.util.UUID;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/** Loads the Google identity after a successful code exchange and records the user by sub. */
class SignInUserService implements OAuth2UserService<OidcUserRequest, OidcUser> {
  private final OidcUserService google = new OidcUserService();
  private final Users users;

  SignInUserService(Users users) {
    this.users = users;
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) {
    OidcUser user = google.loadUser(request);
    if (user.getEmail() == null || user.getEmail().isBlank()) {
      throw new OAuth2AuthenticationException(
          new OAuth2Error("invalid_user_info", "Google sent no email address", null));
    }
    UUID userId = users.signedIn(user.getSubject(), user.getEmail(), user.getFullName());
    return new SignedInUser(userId, user.getAuthorities(), user.getIdToken(), user.getUserInfo());
  }
}
