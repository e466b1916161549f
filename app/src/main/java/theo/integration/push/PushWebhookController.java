package theo.integration.push;

import org.jspecify.annotations.Nullable;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where Google posts: {@code /api/webhooks/google/pubsub} for Pub/Sub pushes (Gmail), {@code
 * /api/webhooks/google/{integration}} for an integration's watch channels (Calendar). Outside
 * session and CSRF: each request authenticates itself (channel token or OIDC token). 204 when
 * accepted, 401 when not.
 */
@RestController
record PushWebhookController(PushNotifications notifications) {
  @PostMapping(PushAddress.PUB_SUB_PATH)
  ResponseEntity<Void> pubSub(
      @RequestHeader(name = "Authorization", required = false) @Nullable String authorization,
      @RequestBody(required = false) PushNotifications.@Nullable PubSubPush push) {
    notifications.pubSubPush(authorization, push);
    return ResponseEntity.noContent().build();
  }

  @PostMapping(PushAddress.WEB_HOOK_PATH + "{integration}")
  ResponseEntity<Void> channel(
      @PathVariable String integration,
      @RequestHeader(name = "X-Goog-Channel-ID", required = false) @Nullable String channelId,
      @RequestHeader(name = "X-Goog-Channel-Token", required = false) @Nullable String token,
      @RequestHeader(name = "X-Goog-Resource-ID", required = false) @Nullable String resourceId,
      @RequestHeader(name = "X-Goog-Resource-State", required = false)
          @Nullable String resourceState,
      @RequestHeader(name = "X-Goog-Message-Number", required = false)
          @Nullable String messageNumber) {
    notifications.channelNotification(
        integration,
        new PushNotifications.ChannelHeaders(
            channelId, token, resourceId, resourceState, messageNumber));
    return ResponseEntity.noContent().build();
  }
}
