package theo.integration.spi;

/** How Google delivers push notifications. */
public enum PushDelivery {
  /**
   * A watch channel posting to Theo's address with the channel's id and token in headers
   * (Calendar).
   */
  WEB_HOOK,
  /**
   * A Cloud Pub/Sub topic whose push subscription posts to Theo with an OIDC token; the message
   * names the account (Gmail).
   */
  PUB_SUB
}
