package theo.platform;

import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.lang.Contract;
import theo.emulator.EmulatorOptions;
import theo.emulator.GoogleEmulator;

/**
 * The data directory, the clock, the embedded Google emulator, the resolved Google endpoints and
 * this instance's name.
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
    String clientId = properties.clientId();
    String clientSecret = properties.clientSecret();
    if (hasText(clientId) && hasText(clientSecret)) {
      options = options.withClient(clientId, clientSecret);
    }
    return GoogleEmulator.start(options);
  }

  /** The emulator's demo-data admin API, when it runs and demo data is on. */
  @Bean
  @Conditional(EmulatorEnabled.class)
  @ConditionalOnBooleanProperty(name = "theo.google.emulator.demo-data", matchIfMissing = true)
  EmulatorDemoData emulatorDemoData(GoogleEmulator emulator) {
    return new EmulatorDemoData(emulator);
  }

  @Bean
  GoogleEndpoints googleEndpoints(
      GoogleProperties properties, ObjectProvider<GoogleEmulator> emulator) {
    GoogleEmulator running = emulator.getIfAvailable();
    String emulatorUrl =
        running != null ? running.baseUrl() : standaloneEmulatorUrl(properties.emulator().url());
    String clientId = properties.clientId();
    String clientSecret = properties.clientSecret();
    GoogleEndpoints defaults;
    if (emulatorUrl != null) {
      defaults =
          hasText(clientId) && hasText(clientSecret)
              ? GoogleEndpoints.emulator(emulatorUrl, clientId, clientSecret)
              : GoogleEndpoints.emulator(
                  emulatorUrl,
                  EmulatorOptions.DEFAULT_CLIENT_ID,
                  EmulatorOptions.DEFAULT_CLIENT_SECRET);
    } else {
      if (!hasText(clientId) || !hasText(clientSecret)) {
        throw new IllegalStateException(
            "theo.google.client-id and client-secret (GOOGLE_CLIENT_ID, GOOGLE_CLIENT_SECRET) are"
                + " required when the Google emulator is disabled");
      }
      defaults = GoogleEndpoints.google(clientId, clientSecret);
    }
    GoogleEndpoints endpoints = defaults.overriddenBy(properties);
    log.info("Google endpoints: {}", endpoints);
    return endpoints;
  }

  /**
   * This instance's job scheduler name: configured, or host, process id and a random suffix (so
   * instances on one host, and a restarted one, are told apart in {@code picked_by}).
   */
  @Bean
  InstanceName instanceName(PlatformProperties properties) {
    String configured = properties.instanceName();
    String name =
        hasText(configured)
            ? configured.trim()
            : hostName()
                + "-"
                + ProcessHandle.current().pid()
                + "-"
                + HexFormat.of().toHexDigits((short) new SecureRandom().nextInt());
    log.info("Instance name: {}", name);
    return new InstanceName(name);
  }

  @Bean
  DbSchedulerCustomizer schedulerName(InstanceName instanceName) {
    return new DbSchedulerCustomizer() {
      @Override
      public Optional<SchedulerName> schedulerName() {
        return Optional.of(new SchedulerName.Fixed(instanceName.value()));
      }
    };
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "theo";
    }
  }

  /** The standalone emulator's base URL without its trailing slash, or null when none is set. */
  private static @Nullable String standaloneEmulatorUrl(@Nullable String url) {
    if (!hasText(url)) {
      return null;
    }
    String base = url.trim();
    return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
  }

  @Contract("null -> false")
  private static boolean hasText(@Nullable String value) {
    return value != null && !value.isBlank();
  }

  /**
   * {@code theo.google.emulator.enabled}, defaulting to "no Google client id and no standalone
   * emulator URL configured".
   */
  static class EmulatorEnabled implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      String enabled = context.getEnvironment().getProperty("theo.google.emulator.enabled");
      if (hasText(enabled)) {
        return Boolean.parseBoolean(enabled.trim());
      }
      return !hasText(context.getEnvironment().getProperty("theo.google.client-id"))
          && !hasText(context.getEnvironment().getProperty("theo.google.emulator.url"));
    }
  }
}
