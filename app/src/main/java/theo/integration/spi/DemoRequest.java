package theo.integration.spi;

/**
 * One request to the embedded emulator's admin API that gives a demo account something of this
 * integration to sync: {@code POST /emulator/accounts/{account}/{path}} with {@code jsonBody}.
 */
public record DemoRequest(String account, String path, String jsonBody) {}
