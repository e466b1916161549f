/**
 * Push notifications from Google for every integration with a {@link
 * theo.integration.spi.PushSource}: the watch channels (opened, renewed, stopped), the web hook and
 * Pub/Sub endpoints under {@code /api/webhooks/google/}, the coalesced syncs they trigger, and the
 * relaxed polling while push is healthy.
 */
package theo.integration.push;
