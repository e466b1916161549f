package theo.emulator.http;

/** Answers one routed request. */
@FunctionalInterface
public interface Handler {
  Response handle(Request request) throws Exception;
}
