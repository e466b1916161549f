package theo.auth;

import java.time.Clock;
import java.util.Objects;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;

/**
 * Keeps Spring's authorized clients in {@code google_accounts}, encrypted, keyed by Google {@code
 * sub}. The stored scopes are the ones Google's token response granted, which may be fewer than
 * requested.
 */
class GoogleAuthorizedClientService implements OAuth2AuthorizedClientService {
  private final ClientRegistrationRepository registrations;
  private final GoogleAccountRepository accounts;
  private final TokenCipher cipher;
  private final Clock clock;

  GoogleAuthorizedClientService(
      ClientRegistrationRepository registrations,
      GoogleAccountRepository accounts,
      TokenCipher cipher,
      Clock clock) {
    this.registrations = registrations;
    this.accounts = accounts;
    this.cipher = cipher;
    this.clock = clock;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends OAuth2AuthorizedClient> @Nullable T loadAuthorizedClient(
      String registrationId, String principalName) {
    ClientRegistration registration = registrations.findByRegistrationId(registrationId);
    if (registration == null) {
      return null;
    }
    return (T)
        accounts
            .tokensOfSub(principalName)
            .filter(tokens -> tokens.accessToken() != null)
            .map(
                tokens ->
                    new OAuth2AuthorizedClient(
                        registration,
                        principalName,
                        new OAuth2AccessToken(
                            OAuth2AccessToken.TokenType.BEARER,
                            cipher.decrypt(Objects.requireNonNull(tokens.accessToken())),
                            tokens.accessTokenIssuedAt(),
                            tokens.accessTokenExpiresAt(),
                            tokens.grantedScopes()),
                        tokens.refreshToken() == null
                            ? null
                            : new OAuth2RefreshToken(cipher.decrypt(tokens.refreshToken()), null)))
            .orElse(null);
  }

  @Override
  public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal) {
    String sub = principal.getName();
    String email;
    UUID userId;
    if (principal.getPrincipal() instanceof SignedInUser user) {
      userId = user.userId();
      email = user.email();
    } else {
      throw new IllegalStateException("Google tokens arrived for a principal that did not sign in");
    }
    OAuth2AccessToken accessToken = client.getAccessToken();
    OAuth2RefreshToken refreshToken = client.getRefreshToken();
    accounts.saveGrant(
        new GoogleAccountRepository.Grant(
            userId,
            sub,
            email,
            accessToken.getScopes(),
            cipher.encrypt(accessToken.getTokenValue()),
            accessToken.getIssuedAt(),
            accessToken.getExpiresAt(),
            refreshToken == null ? null : cipher.encrypt(refreshToken.getTokenValue())),
        clock.instant());
  }

  @Override
  public void removeAuthorizedClient(String registrationId, String principalName) {
    accounts.dropTokens(principalName, clock.instant());
  }
}
