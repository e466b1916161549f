/**
 * The one home of Theo's calls to Google: it builds every Google Java client (root URLs from {@code
 * platform}, one application name, timeouts), runs the one retry policy, turns Google's answers
 * into a small sealed set of {@link theo.google.GoogleException}s and, when Google says 401, asks
 * for a fresh token once through {@link theo.google.GoogleTokens} and retries once. It sits below
 * {@code auth}, which implements {@link theo.google.GoogleTokens}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Google")
package theo.google;
