/**
 * The integration pattern: one set of endpoints ({@code /api/integrations/...}) serving every
 * registered integration, and the API's error responses.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Integrations")
package theo.integration;
