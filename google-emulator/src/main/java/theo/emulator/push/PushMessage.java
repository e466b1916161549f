package theo.emulator.push;

import java.net.URI;
import java.util.Map;

/**
 * One notification to POST: the channel or subscription it belongs to ({@code target}), the account
 * whose change caused it (for per-account behaviour), the address, headers and body.
 */
public record PushMessage(
    String target, String account, URI address, Map<String, String> headers, byte[] body) {

  public PushMessage {
    headers = Map.copyOf(headers);
    body = body == null ? new byte[0] : body;
  }
}
