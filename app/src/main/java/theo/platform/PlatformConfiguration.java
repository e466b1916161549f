package theo.platform;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import theo.emulator.EmulatorOptions;
import theo.emulator.GoogleEmulator;

/**
 * The data directory, the clock, the embedded Google emulator and the resolved Google endpoints.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({PlatformProperties.class, GoogleProperties.class})
class PlatformConfiguration {
  private static final Logger log = LoggerFactory.getLogger(PlatformConfiguration.class);

  @Bean
  DataDirectory dataDirectory(PlatformProperties properties) {
    return new DataDirectory(properties.dataDir());
  }

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean(destroyMethod = "close")
  @Conditional(EmulatorEnabled.class)
  GoogleEmulator googleEmulator(GoogleProperties properties, Clock clock) {
    EmulatorOptions options =
        EmulatorOptions.defaults().withPort(properties.emulator().port()).withClock(clock);
    if (hasText(properties.clientId()) && hasText(properties.clientSecret())) {
      options = options.withClient(properties.clientId(), properties.clientSecret());
    }
    GoogleEmulator emulator = GoogleEmulator.start(options);
    if (properties.emulator().demoData()) {
      DemoData.seed(emulator);
    }
    return emulator;
  }

  @Bean
  GoogleEndpoints googleEndpoints(
      GoogleProperties properties, ObjectProvider<GoogleEmulator> emulator) {
    GoogleEmulator running = emulator.getIfAvailable();
    GoogleEndpoints defaults;
    if (running != null) {
      boolean ownClient = hasText(properties.clientId()) && hasText(properties.clientSecret());
      defaults =
          GoogleEndpoints.emulator(
              running.baseUrl(),
              ownClient ? properties.clientId() : EmulatorOptions.DEFAULT_CLIENT_ID,
              ownClient ? properties.clientSecret() : EmulatorOptions.DEFAULT_CLIENT_SECRET);
    } else {
      if (!hasText(properties.clientId()) || !hasText(properties.clientSecret())) {
        throw new IllegalStateException(
            "theo.google.client-id and client-secret (GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET) are"
                + " required when the Google emulator is disabled");
      }
      defaults = GoogleEndpoints.google(properties.clientId(), properties.clientSecret());
    }
    GoogleEndpoints endpoints = defaults.overriddenBy(properties);
    log.info("Google endpoints: {}", endpoints);
    return endpoints;
  }

  private static boolean hasText(String value) {
    return value != null && !value.isBlank();
  }

  /** {@code theo.google.emulator.enabled}, defaulting to "no Google client id configured". */
  static class EmulatorEnabled implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String enabled = context.getEnvironment().getProperty("theo.google.emulator.enabled");
      if (hasText(enabled)) {
        return Boolean.parseBoolean(enabled.trim());
      }
      return !hasText(context.getEnvironment().getProperty("theo.google.client-id"));
    }
  }
}
