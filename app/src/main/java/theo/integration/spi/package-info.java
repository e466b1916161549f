/**
 * The service-provider interface an integration implements to plug into the shared pattern: its
 * identity and scopes ({@link theo.integration.spi.Integration}), its data cleanup, and its sync
 * engine ({@link theo.integration.spi.SyncEngine}).
 */
@org.springframework.modulith.NamedInterface("spi")
package theo.integration.spi;
