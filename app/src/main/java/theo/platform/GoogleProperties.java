package theo.platform;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Google client credentials and endpoint URLs as configured ({@code theo.google.*}). Unset URLs
 * default to the embedded emulator when it runs, else to real Google; {@link GoogleEndpoints} holds
 * the resolved values. {@code root-urls.<api>} sets one Google API's root URL (the keys are the
 * integration modules' own, e.g. {@code gmail}, {@code people}, {@code calendar}, {@code drive}).
 */
@ConfigurationProperties("theo.google")
public record GoogleProperties(
    @Nullable String clientId,
    @Nullable String clientSecret,
    @Nullable String authorizationUri,
    @Nullable String tokenUri,
    @Nullable String revokeUri,
    @Nullable String userinfoUri,
    @Nullable String jwksUri,
    @Nullable String issuerUri,
    @Nullable Map<String, String> rootUrls,
    @DefaultValue Emulator emulator) {

  public GoogleProperties {
    rootUrls = rootUrls == null ? Map.of() : Map.copyOf(rootUrls);
  }

  /**
   * @param enabled run the embedded emulator; unset means "when no client id and no emulator URL
   *     are configured"
   * @param port the emulator's port on 127.0.0.1 (0 picks a free one)
   * @param demoData give the demo accounts a generated mailbox, contacts and calendars
   * @param url the base URL of an emulator that runs on its own (shared by several instances, or
   *     outliving a restart): every Google URL points at it, with its default client unless {@code
   *     client-id} is set, and no embedded emulator starts
   */
  public record Emulator(
      @Nullable Boolean enabled,
      @DefaultValue("8090") int port,
      @DefaultValue("true") boolean demoData,
      @Nullable String url) {}

  @Override
  public String toString() {
    return "GoogleProperties[clientId="
        + clientId
        + ", clientSecret=***, emulator="
        + emulator
        + "]";
  }
}
