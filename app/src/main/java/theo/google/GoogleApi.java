package theo.google;

/**
 * One Google API as Theo builds its client: the key of its configurable root URL ({@code
 * theo.google.root-urls.<key>}), the name its failures carry ("Google Drive is unavailable"), and
 * its root URL at real Google. The module that uses the API declares it.
 */
public record GoogleApi(String key, String service, String googleRootUrl) {}
