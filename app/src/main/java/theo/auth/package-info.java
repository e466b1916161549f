/**
 * Sign-in with Google, the scope registry, users and their Google accounts with encrypted tokens.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Auth")
package theo.auth;
