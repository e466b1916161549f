package theo.emulator.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static theo.emulator.push.PushTestSupport.ALICE;

import com.google.api.client.googleapis.json.GoogleJsonResponseException;
import com.google.api.services.gmail.Gmail;
import com.google.api.services.gmail.model.WatchRequest;
import com.google.api.services.gmail.model.WatchResponse;
import com.google.gson.Gson;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GmailPushTests {
  private static final String TOPIC = "projects/theo-local/topics/gmail";
  private static final String SUBSCRIPTION = "projects/theo-local/subscriptions/gmail-push";
  private static final String SERVICE_ACCOUNT = "push@theo-local.iam.gserviceaccount.com";

  private final PushTestSupport support = new PushTestSupport();
  private Receiver receiver;
  private Gmail gmail;

  @BeforeEach
  void start() {
    support.reset();
    receiver = new Receiver();
    gmail = support.gmail(ALICE);
    PushTestSupport.Answer subscribed =
        support.admin(
            "PUT",
            "/emulator/pubsub/subscriptions",
            Map.of(
                "name", SUBSCRIPTION,
                "topic", TOPIC,
                "pushEndpoint", receiver.url("/hooks/gmail"),
                "audience", "https://theo.example/api/webhooks/google/gmail",
                "serviceAccountEmail", SERVICE_ACCOUNT));
    assertThat(subscribed.status()).isEqualTo(200);
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @AfterAll
  void close() {
    support.close();
  }

  private WatchResponse watch(List<String> labels, String behaviour) throws Exception {
    return gmail
        .users()
        .watch(
            "me",
            new WatchRequest()
                .setTopicName(TOPIC)
                .setLabelIds(labels)
                .setLabelFilterBehavior(behaviour))
        .execute();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> message(Receiver.Received received) {
    return (Map<String, Object>) new Gson().fromJson(received.body(), Map.class).get("message");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> data(Receiver.Received received) {
    String data = (String) message(received).get("data");
    return new Gson()
        .fromJson(new String(Base64.getDecoder().decode(data), StandardCharsets.UTF_8), Map.class);
  }

  @Test
  void mailboxChangePostsPubSubPushWithATokenTheJwksVerifies() throws Exception {
    WatchResponse watch = watch(List.of("INBOX"), "include");
    assertThat(watch.getExpiration())
        .isEqualTo(support.clock.instant().plus(Duration.ofDays(7)).toEpochMilli());

    support.adminMail(ALICE, null);

    Receiver.Received push = receiver.next();
    assertThat(push.path()).isEqualTo("/hooks/gmail");
    assertThat(push.header("Content-Type")).startsWith("application/json");
    Map<String, Object> body = new Gson().fromJson(push.body(), Map.class);
    assertThat(body.get("subscription")).isEqualTo(SUBSCRIPTION);
    assertThat(message(push)).containsKeys("messageId", "publishTime");
    Map<String, Object> data = data(push);
    assertThat(data.get("emailAddress")).isEqualTo(ALICE);
    assertThat(Long.parseLong((String) data.get("historyId")))
        .isGreaterThan(watch.getHistoryId().longValue());

    SignedJWT jwt = SignedJWT.parse(push.header("Authorization").substring("Bearer ".length()));
    JWKSet jwks = JWKSet.load(URI.create(support.emulator.baseUrl() + "/oauth2/v3/certs").toURL());
    RSAKey key = (RSAKey) jwks.getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(jwt.verify(new RSASSAVerifier(key))).isTrue();
    JWTClaimsSet claims = jwt.getJWTClaimsSet();
    assertThat(claims.getIssuer()).isEqualTo(support.emulator.baseUrl());
    assertThat(claims.getAudience())
        .containsExactly("https://theo.example/api/webhooks/google/gmail");
    assertThat(claims.getStringClaim("email")).isEqualTo(SERVICE_ACCOUNT);
    assertThat(claims.getBooleanClaim("email_verified")).isTrue();
    assertThat(claims.getExpirationTime()).isAfter(claims.getIssueTime());
  }

  @Test
  void labelFilterDecidesWhichChangesArePushed() throws Exception {
    watch(List.of("INBOX"), "include");

    support.adminMail(ALICE, List.of("SPAM"));
    assertThat(receiver.within(300)).as("SPAM is not INBOX").isNull();

    support.adminMail(ALICE, List.of("INBOX"));
    assertThat(receiver.next()).isNotNull();

    watch(List.of("SPAM"), "exclude");
    support.adminMail(ALICE, List.of("SPAM"));
    assertThat(receiver.within(300)).as("SPAM excluded").isNull();
  }

  @Test
  void stopAndExpiryEndTheWatch() throws Exception {
    watch(null, null);
    gmail.users().stop("me").execute();
    support.adminMail(ALICE, null);
    assertThat(receiver.within(300)).isNull();

    watch(null, null);
    support.clock.advance(Duration.ofDays(7).plusSeconds(1));
    support.adminMail(ALICE, null);
    assertThat(receiver.within(300)).isNull();
    assertThat(support.admin("GET", "/emulator/push/watches", null).json().get("watches"))
        .asList()
        .isEmpty();
  }

  @Test
  void watchNeedsAWellFormedTopic() {
    assertThatThrownBy(
            () ->
                gmail.users().watch("me", new WatchRequest().setTopicName("gmail-topic")).execute())
        .isInstanceOfSatisfying(
            GoogleJsonResponseException.class, e -> assertThat(e.getStatusCode()).isEqualTo(400));
  }
}
