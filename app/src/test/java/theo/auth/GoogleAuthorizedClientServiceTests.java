package theo.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import theo.TheoTest;

@TheoTest
class GoogleAuthorizedClientServiceTests {
  @Autowired OAuth2AuthorizedClientService authorizedClients;
  @Autowired ClientRegistrationRepository registrations;
  @Autowired Users users;
  @Autowired GoogleAccounts googleAccounts;
  @Autowired JdbcClient jdbc;

  @Test
  void saveAuthorizedClientWhenStoredThenNoPlaintextTokenInTheRow() {
    String sub = "sub-" + UUID.randomUUID();
    String access = "ya29.access-" + UUID.randomUUID();
    String refresh = "1//refresh-" + UUID.randomUUID();
    OAuth2AuthenticationToken principal = signIn(sub);

    authorizedClients.saveAuthorizedClient(client(sub, access, refresh), principal);

    Map<String, Object> row =
        jdbc.sql("select * from google_accounts where sub = :sub")
            .param("sub", sub)
            .query()
            .singleRow();
    assertThat(row.get("access_token")).isInstanceOf(byte[].class);
    assertThat(row.get("refresh_token")).isInstanceOf(byte[].class);
    for (Map.Entry<String, Object> column : row.entrySet()) {
      String text = asText(column.getValue());
      assertThat(text).as(column.getKey()).doesNotContain(access).doesNotContain(refresh);
    }
  }

  @Test
  void loadAuthorizedClientWhenStoredThenDecryptsTokensAndKeepsGrantedScopes() {
    String sub = "sub-" + UUID.randomUUID();
    OAuth2AuthenticationToken principal = signIn(sub);
    authorizedClients.saveAuthorizedClient(client(sub, "access-1", "refresh-1"), principal);

    OAuth2AuthorizedClient loaded = authorizedClients.loadAuthorizedClient("google", sub);

    assertThat(loaded.getAccessToken().getTokenValue()).isEqualTo("access-1");
    assertThat(loaded.getAccessToken().getScopes()).containsExactlyInAnyOrder("openid", "email");
    assertThat(loaded.getRefreshToken().getTokenValue()).isEqualTo("refresh-1");
  }

  @Test
  void saveAuthorizedClientWhenResponseHasNoRefreshTokenThenKeepsTheStoredOne() {
    String sub = "sub-" + UUID.randomUUID();
    OAuth2AuthenticationToken principal = signIn(sub);
    authorizedClients.saveAuthorizedClient(client(sub, "access-1", "refresh-1"), principal);

    authorizedClients.saveAuthorizedClient(client(sub, "access-2", null), principal);

    OAuth2AuthorizedClient loaded = authorizedClients.loadAuthorizedClient("google", sub);
    assertThat(loaded.getAccessToken().getTokenValue()).isEqualTo("access-2");
    assertThat(loaded.getRefreshToken().getTokenValue()).isEqualTo("refresh-1");
    UUID userId = ((SignedInUser) principal.getPrincipal()).userId();
    assertThat(googleAccounts.currentAccessToken(userId).orElseThrow().value())
        .isEqualTo("access-2");
    assertThat(googleAccounts.find(userId).orElseThrow().hasRefreshToken()).isTrue();
  }

  @Test
  void tokenHealthWhenTokenValidForAnHourThenNotExpiredAndHumanReadable() {
    String sub = "sub-" + UUID.randomUUID();
    OAuth2AuthenticationToken principal = signIn(sub);
    authorizedClients.saveAuthorizedClient(client(sub, "access-1", "refresh-1"), principal);
    UUID userId = ((SignedInUser) principal.getPrincipal()).userId();

    TokenHealth health = googleAccounts.tokenHealth(userId).orElseThrow();

    assertThat(health.isExpired()).isFalse();
    assertThat(health.hasRefreshToken()).isTrue();
    assertThat(health.expiresIn()).isBetween(3500L, 3600L);
    assertThat(health.expiresInHuman()).isIn("in 59 minutes", "in 58 minutes");
  }

  private OAuth2AuthenticationToken signIn(String sub) {
    String email = sub + "@example.com";
    UUID userId = users.signedIn(sub, email, "Test User");
    Instant now = Instant.now();
    OidcIdToken idToken =
        OidcIdToken.withTokenValue("id-token")
            .subject(sub)
            .claim("email", email)
            .issuedAt(now)
            .expiresAt(now.plusSeconds(3600))
            .build();
    SignedInUser user =
        new SignedInUser(userId, List.of(new SimpleGrantedAuthority("OIDC_USER")), idToken, null);
    return new OAuth2AuthenticationToken(user, user.getAuthorities(), "google");
  }

  private OAuth2AuthorizedClient client(String sub, String access, String refresh) {
    Instant now = Instant.now();
    return new OAuth2AuthorizedClient(
        registrations.findByRegistrationId("google"),
        sub,
        new OAuth2AccessToken(
            OAuth2AccessToken.TokenType.BEARER,
            access,
            now,
            now.plusSeconds(3600),
            Set.of("openid", "email")),
        refresh == null ? null : new OAuth2RefreshToken(refresh, now));
  }

  private static String asText(Object value) {
    if (value instanceof byte[] bytes) {
      return new String(bytes, StandardCharsets.ISO_8859_1);
    }
    return String.valueOf(value);
  }
}
