package theo.integration;

import java.util.UUID;

/** A person started connecting an integration: the browser is on its way to Google's consent. */
public record IntegrationConnectStarted(UUID userId, String integration, boolean forced) {}
