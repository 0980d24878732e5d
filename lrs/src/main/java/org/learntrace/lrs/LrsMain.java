package org.learntrace.lrs;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.learntrace.xapi.XapiVersion;

/**
 * The standalone LRS:
 *
 * <pre>
 * java -jar lrs/target/learntrace-lrs.jar --port P --data DIR --user U --password W [--jdbc-url URL [--jdbc-user U --jdbc-password W]]
 * </pre>
 *
 * serves xAPI at {@code http://127.0.0.1:P/xapi/} until interrupted (Ctrl-C or SIGTERM), then shuts
 * down gracefully. {@code --host} binds another interface; {@code --default-version} sets the
 * version named in responses to requests that name none (default 2.0.0).
 */
public final class LrsMain {
  private LrsMain() {}

  public static void main(String[] args) throws InterruptedException {
    String port = "8080";
    String host = "127.0.0.1";
    String data = null;
    String user = null;
    String password = null;
    String jdbcUrl = null;
    String jdbcUser = null;
    String jdbcPassword = null;
    String defaultVersion = "2.0.0";
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        usage(0, null);
      }
      if (i + 1 >= args.length) {
        usage(2, "missing value after " + a);
      }
      String v = args[++i];
      switch (a) {
        case "--port" -> port = v;
        case "--host" -> host = v;
        case "--data" -> data = v;
        case "--user" -> user = v;
        case "--password" -> password = v;
        case "--jdbc-url" -> jdbcUrl = v;
        case "--jdbc-user" -> jdbcUser = v;
        case "--jdbc-password" -> jdbcPassword = v;
        case "--default-version" -> defaultVersion = v;
        default -> usage(2, "unknown option " + a);
      }
    }
    if (user == null || password == null) {
      usage(2, "--user and --password are required");
    }
    if (data == null && jdbcUrl == null) {
      usage(2, "give --data DIR (H2 file database) or --jdbc-url URL");
    }
    int p;
    try {
      p = Integer.parseInt(port);
    } catch (NumberFormatException e) {
      usage(2, "--port must be a number, was " + port);
      return;
    }
    XapiVersion version;
    try {
      version = XapiVersion.parse(defaultVersion);
    } catch (IllegalArgumentException e) {
      usage(2, "--default-version: " + e.getMessage());
      return;
    }
    EmbeddedLrs.Builder b = EmbeddedLrs.builder().host(host).port(p).credential(Credential.all(user, password))
        .defaultVersion(version);
    if (jdbcUrl != null) {
      b.jdbc(jdbcUrl, jdbcUser, jdbcPassword);
    } else {
      b.dataDirectory(Path.of(data));
    }
    EmbeddedLrs lrs = b.start();
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      lrs.close();
      stopped.countDown();
    }, "lrs-shutdown"));
    System.out.println("LearnTrace LRS serving xAPI 1.0.3 and 2.0.0 at " + lrs.baseUri());
    stopped.await();
  }

  private static void usage(int status, String problem) {
    if (problem != null) {
      System.err.println("error: " + problem);
    }
    System.err.println("usage: java -jar learntrace-lrs.jar --port P --data DIR --user U --password W"
        + " [--host H] [--jdbc-url URL [--jdbc-user U] [--jdbc-password W]] [--default-version 1.0.3|2.0.0]");
    System.exit(status);
  }
}
