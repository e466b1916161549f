package theo.emulator;

import java.util.concurrent.CountDownLatch;

/** Runs the emulator as a standalone process: {@code java -jar google-emulator.jar --port 8090}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws InterruptedException {
    EmulatorOptions options = EmulatorOptions.defaults().withPort(8090);
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port" -> options = options.withPort(Integer.parseInt(value(args, ++i, "--port")));
        case "--no-demo-accounts" -> options = options.withSeedDemoAccounts(false);
        case "--client" -> {
          String[] pair = value(args, ++i, "--client").split(":", 2);
          if (pair.length != 2) {
            usage("--client needs ID:SECRET");
          }
          options = options.withClient(pair[0], pair[1]);
        }
        case "--help", "-h" -> usage(null);
        default -> usage("Unknown argument " + args[i]);
      }
    }
    GoogleEmulator emulator = GoogleEmulator.start(options);
    Runtime.getRuntime().addShutdownHook(new Thread(emulator::close));
    System.out.println("Google emulator on " + emulator.baseUrl());
    new CountDownLatch(1).await();
  }

  private static String value(String[] args, int index, String flag) {
    if (index >= args.length) {
      usage(flag + " needs a value");
    }
    return args[index];
  }

  private static void usage(String problem) {
    if (problem != null) {
      System.err.println(problem);
    }
    System.err.println(
        "usage: java -jar google-emulator.jar [--port N] [--client ID:SECRET]"
            + " [--no-demo-accounts]");
    System.exit(problem == null ? 0 : 2);
  }
}
