package theo.integration.push;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import theo.platform.GoogleEndpoints;

/**
 * Where Google reaches Theo: {@code theo.push.base-url}, or with the embedded emulator this
 * server's own loopback address (known once the web server listens).
 */
@Component
record PushAddress(PushProperties properties, GoogleEndpoints google, Environment environment) {
  static final String WEB_HOOK_PATH = "/api/webhooks/google/";
  static final String PUB_SUB_PATH = "/api/webhooks/google/pubsub";

  /** Whether watches are registered: configured, or "when Google can reach Theo". */
  boolean enabled() {
    if (properties.enabled() != null) {
      return properties.enabled() && baseUrl() != null;
    }
    return baseUrl() != null;
  }

  /** The public base address without a trailing slash, or null when there is none. */
  @Nullable String baseUrl() {
    String configured = properties.baseUrl();
    if (configured != null && !configured.isBlank()) {
      String base = configured.trim();
      return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }
    String port = environment.getProperty("local.server.port");
    if (google.emulated() && port != null) {
      return "http://127.0.0.1:" + port;
    }
    return null;
  }

  /** The address a web hook channel of the integration posts to. */
  String webHook(String integration) {
    return baseUrl() + WEB_HOOK_PATH + integration;
  }

  /** The Pub/Sub push endpoint (and the tokens' default audience). */
  String pubSub() {
    return baseUrl() + PUB_SUB_PATH;
  }
}
