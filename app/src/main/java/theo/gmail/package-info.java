/**
 * The Gmail integration: its registration in the shared pattern, its mailbox sync and its
 * Gmail-specific endpoints.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Gmail")
package theo.gmail;
