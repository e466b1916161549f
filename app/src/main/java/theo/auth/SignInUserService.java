package theo.auth;

import java.util.UUID;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
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
    Authentication current = SecurityContextHolder.getContext().getAuthentication();
    if (current != null
        && current.getPrincipal() instanceof SignedInUser signedIn
        && !signedIn.sub().equals(user.getSubject())) {
      // A connect flow must grant access to the signed-in person's own account, nobody else's.
      throw new OAuth2AuthenticationException(
          new OAuth2Error(
              "account_mismatch",
              "Google returned a different account than the one signed in to Theo ("
                  + signedIn.email()
                  + ")",
              null));
    }
    if (user.getEmail() == null || user.getEmail().isBlank()) {
      throw new OAuth2AuthenticationException(
          new OAuth2Error("invalid_user_info", "Google sent no email address", null));
    }
    UUID userId = users.signedIn(user.getSubject(), user.getEmail(), user.getFullName());
    return new SignedInUser(userId, user.getAuthorities(), user.getIdToken(), user.getUserInfo());
  }
}
