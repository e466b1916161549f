package theo.auth;

import java.io.Serial;
import java.util.Collection;
import java.util.UUID;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

/**
 * The principal of a signed-in session: the Google identity plus Theo's own user id. Controllers
 * take it with {@code @AuthenticationPrincipal SignedInUser user}; its name is the Google {@code
 * sub}.
 */
public class SignedInUser extends DefaultOidcUser {
  @Serial private static final long serialVersionUID = 1L;

  private final UUID userId;

  SignedInUser(
      UUID userId,
      Collection<? extends GrantedAuthority> authorities,
      OidcIdToken idToken,
      OidcUserInfo userInfo) {
    super(authorities, idToken, userInfo, "sub");
    this.userId = userId;
  }

  /** Theo's id for this user ({@code users.id}). */
  public UUID userId() {
    return userId;
  }

  /** The Google account's stable subject id. */
  public String sub() {
    return getSubject();
  }

  public String email() {
    return getEmail();
  }

  /** The display name, or the email when Google sent none. */
  public String displayName() {
    String fullName = getFullName();
    return fullName == null || fullName.isBlank() ? getEmail() : fullName;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SignedInUser user && super.equals(other) && userId.equals(user.userId);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + userId.hashCode();
  }

  @Override
  public String toString() {
    return "SignedInUser[userId=" + userId + ", sub=" + getSubject() + "]";
  }
}
