package theo.auth;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code google_accounts} table. Tokens arrive and leave here as ciphertext only. */
@Repository
record GoogleAccountRepository(JdbcClient jdbc) {
  private static final String COLUMNS =
      """
      user_id, sub, email, granted_scopes, access_token_expires_at,
      access_token is not null as has_access_token, refresh_token is not null as has_refresh_token,
      reconnect_required, revoke_pending, updated_at
      """;

  /** The key id sits in bytes 3.. of a ciphertext, its length in byte 2 (see TokenCipher). */
  private static final String OTHER_KEY =
      """
      (access_token is not null
          and substring(access_token from 3 for get_byte(access_token, 1))
              <> convert_to(:keyId, 'UTF8'))
      or (refresh_token is not null
          and substring(refresh_token from 3 for get_byte(refresh_token, 1))
              <> convert_to(:keyId, 'UTF8'))
      """;

  /** A fresh grant from a token response; a response without refresh token keeps the stored one. */
  void saveGrant(Grant grant, Instant now) {
    jdbc.sql(
            """
            insert into google_accounts (user_id, sub, email, granted_scopes, access_token,
                access_token_issued_at, access_token_expires_at, refresh_token,
                reconnect_required, revoke_pending, created_at, updated_at)
            values (:userId, :sub, :email, :scopes, :accessToken, :issuedAt, :expiresAt,
                :refreshToken, false, false, :now, :now)
            on conflict (user_id) do update set
                sub = excluded.sub,
                email = excluded.email,
                granted_scopes = excluded.granted_scopes,
                access_token = excluded.access_token,
                access_token_issued_at = excluded.access_token_issued_at,
                access_token_expires_at = excluded.access_token_expires_at,
                refresh_token = coalesce(excluded.refresh_token, google_accounts.refresh_token),
                reconnect_required = false,
                revoke_pending = false,
                updated_at = excluded.updated_at
            """)
        .param("userId", grant.userId())
        .param("sub", grant.sub())
        .param("email", grant.email())
        .param("scopes", grant.grantedScopes().toArray(String[]::new))
        .param("accessToken", grant.accessToken())
        .param("issuedAt", Jdbc.timestamp(grant.accessTokenIssuedAt()))
        .param("expiresAt", Jdbc.timestamp(grant.accessTokenExpiresAt()))
        .param("refreshToken", grant.refreshToken())
        .param("now", Jdbc.timestamp(now))
        .update();
  }

  /** The result of a refresh; a response without refresh token keeps the stored one. */
  void saveRefreshed(
      UUID userId,
      Collection<String> grantedScopes,
      byte[] accessToken,
      Instant issuedAt,
      Instant expiresAt,
      byte @Nullable [] refreshToken,
      Instant now) {
    jdbc.sql(
            """
            update google_accounts
            set granted_scopes = :scopes, access_token = :accessToken,
                access_token_issued_at = :issuedAt, access_token_expires_at = :expiresAt,
                refresh_token = coalesce(:refreshToken, refresh_token), updated_at = :now
            where user_id = :userId
            """)
        .param("userId", userId)
        .param("scopes", grantedScopes.toArray(String[]::new))
        .param("accessToken", accessToken)
        .param("issuedAt", Jdbc.timestamp(issuedAt))
        .param("expiresAt", Jdbc.timestamp(expiresAt))
        .param("refreshToken", refreshToken)
        .param("now", Jdbc.timestamp(now))
        .update();
  }

  void markReconnectRequired(UUID userId, Instant now) {
    Jdbc.updateUser(jdbc, "google_accounts", "reconnect_required = true", userId, now);
  }

  /** After the grant was revoked at Google: no tokens, no scopes, nothing pending. */
  void clearGrant(UUID userId, Instant now) {
    jdbc.sql(
            """
            update google_accounts
            set granted_scopes = '{}', access_token = null, access_token_issued_at = null,
                access_token_expires_at = null, refresh_token = null, revoke_pending = false,
                updated_at = :now
            where user_id = :userId
            """)
        .param("userId", userId)
        .param("now", Jdbc.timestamp(now))
        .update();
  }

  void markRevokePending(UUID userId, Instant now) {
    Jdbc.updateUser(jdbc, "google_accounts", "revoke_pending = true", userId, now);
  }

  /** Rows holding a token whose ciphertext names a key other than {@code keyId}. */
  long countEncryptedWithOtherKey(String keyId) {
    return jdbc.sql("select count(*) from google_accounts where " + OTHER_KEY)
        .param("keyId", keyId)
        .query(Long.class)
        .single();
  }

  /** The next {@code limit} such rows after {@code after} (by user id; null = from the start). */
  List<StoredCiphertexts> encryptedWithOtherKey(String keyId, @Nullable UUID after, int limit) {
    return jdbc.sql(
            "select user_id, access_token, refresh_token from google_accounts where ("
                + OTHER_KEY
                + ") and (cast(:after as uuid) is null or user_id > :after)"
                + " order by user_id limit :limit")
        .param("keyId", keyId)
        // No sentinel id: PostgreSQL orders uuids as unsigned bytes, Java as signed longs.
        .param("after", after)
        .param("limit", limit)
        .query(
            (row, index) ->
                new StoredCiphertexts(
                    row.getObject("user_id", UUID.class),
                    row.getBytes("access_token"),
                    row.getBytes("refresh_token")))
        .list();
  }

  /**
   * Swaps a row's ciphertexts for re-encrypted ones, only if they are still the ones read: a token
   * refreshed in between (by any instance) is newer and already under the current key.
   */
  boolean replaceCiphertexts(StoredCiphertexts read, StoredCiphertexts reEncrypted) {
    return jdbc.sql(
                """
                update google_accounts
                set access_token = :newAccess, refresh_token = :newRefresh
                where user_id = :userId
                  and access_token is not distinct from cast(:oldAccess as bytea)
                  and refresh_token is not distinct from cast(:oldRefresh as bytea)
                """)
            .param("userId", read.userId())
            .param("newAccess", reEncrypted.accessToken())
            .param("newRefresh", reEncrypted.refreshToken())
            .param("oldAccess", read.accessToken())
            .param("oldRefresh", read.refreshToken())
            .update()
        == 1;
  }

  /** A row's token ciphertexts as stored. */
  record StoredCiphertexts(
      UUID userId, byte @Nullable [] accessToken, byte @Nullable [] refreshToken) {}

  List<UUID> withRevokePending() {
    return jdbc.sql("select user_id from google_accounts where revoke_pending")
        .query(UUID.class)
        .list();
  }

  Optional<GoogleAccount> find(UUID userId) {
    return jdbc.sql("select " + COLUMNS + " from google_accounts where user_id = :userId")
        .param("userId", userId)
        .query((row, index) -> account(row))
        .optional();
  }

  Optional<StoredTokens> tokensOf(UUID userId) {
    return tokensWhere("user_id", userId);
  }

  Optional<StoredTokens> tokensOfSub(String sub) {
    return tokensWhere("sub", sub);
  }

  /** The tokens of the account whose {@code column} (a unique one) holds {@code value}. */
  private Optional<StoredTokens> tokensWhere(String column, Object value) {
    return jdbc.sql(
            """
            select user_id, sub, granted_scopes, access_token, access_token_issued_at,
                   access_token_expires_at, refresh_token
            from google_accounts where"""
                + " "
                + column
                + " = :value")
        .param("value", value)
        .query((row, index) -> tokens(row))
        .optional();
  }

  /** Forgets the tokens (sign-out from Google, revoked grant); the account row stays. */
  void dropTokens(String sub, Instant now) {
    jdbc.sql(
            """
            update google_accounts
            set access_token = null, access_token_issued_at = null,
                access_token_expires_at = null, refresh_token = null, updated_at = :now
            where sub = :sub
            """)
        .param("sub", sub)
        .param("now", Jdbc.timestamp(now))
        .update();
  }

  private static GoogleAccount account(ResultSet row) throws SQLException {
    return new GoogleAccount(
        row.getObject("user_id", UUID.class),
        row.getString("sub"),
        row.getString("email"),
        scopes(row.getArray("granted_scopes")),
        Jdbc.instant(row, "access_token_expires_at"),
        row.getBoolean("has_access_token"),
        row.getBoolean("has_refresh_token"),
        row.getBoolean("reconnect_required"),
        row.getBoolean("revoke_pending"),
        Objects.requireNonNull(Jdbc.instant(row, "updated_at")));
  }

  private static StoredTokens tokens(ResultSet row) throws SQLException {
    return new StoredTokens(
        row.getObject("user_id", UUID.class),
        row.getString("sub"),
        scopes(row.getArray("granted_scopes")),
        row.getBytes("access_token"),
        Jdbc.instant(row, "access_token_issued_at"),
        Jdbc.instant(row, "access_token_expires_at"),
        row.getBytes("refresh_token"));
  }

  private static Set<String> scopes(@Nullable Array array) throws SQLException {
    return array == null ? Set.of() : Set.copyOf(Arrays.asList((String[]) array.getArray()));
  }

  /** A grant to store; the tokens are already encrypted. */
  record Grant(
      UUID userId,
      String sub,
      String email,
      Collection<String> grantedScopes,
      byte[] accessToken,
      @Nullable Instant accessTokenIssuedAt,
      @Nullable Instant accessTokenExpiresAt,
      byte @Nullable [] refreshToken) {}

  /** The stored, still encrypted tokens of one account. */
  record StoredTokens(
      UUID userId,
      String sub,
      Set<String> grantedScopes,
      byte @Nullable [] accessToken,
      @Nullable Instant accessTokenIssuedAt,
      @Nullable Instant accessTokenExpiresAt,
      byte @Nullable [] refreshToken) {
    @Override
    public String toString() {
      return "StoredTokens[userId=" + userId + ", sub=" + sub + "]";
    }
  }
}
