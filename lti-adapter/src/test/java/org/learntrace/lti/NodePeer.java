package org.learntrace.lti;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A real npm peer (ims-lti, ltijs) started from src/test/node on a random loopback port. Installs
 * the locked dependencies with {@code npm ci} first when node_modules is missing.
 */
final class NodePeer implements AutoCloseable {
  static final Path DIR = Path.of(System.getProperty("lti.node.dir", "src/test/node")).toAbsolutePath();

  private final Process process;
  private final StringBuffer output = new StringBuffer();
  final int port;

  NodePeer(String script, String... args) {
    ensureInstalled();
    List<String> cmd = new ArrayList<>(List.of("node", script));
    cmd.addAll(List.of(args));
    try {
      process = new ProcessBuilder(cmd).directory(DIR.toFile()).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start node (is Node.js installed?)", e);
    }
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    CompletableFuture<Integer> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try {
        for (String line; (line = out.readLine()) != null; ) {
          output.append(line).append('\n');
          if (line.startsWith("LISTENING ")) {
            listening.complete(Integer.parseInt(line.substring(10).trim()));
          }
        }
      } catch (IOException ignored) {
        // the process ended
      }
      listening.completeExceptionally(new IllegalStateException("node " + script + " exited:\n" + output));
    }, "node-" + script);
    reader.setDaemon(true);
    reader.start();
    try {
      port = listening.get(120, TimeUnit.SECONDS);
    } catch (Exception e) {
      process.destroyForcibly();
      throw new IllegalStateException("node " + script + " did not start:\n" + output, e);
    }
  }

  String output() {
    return output.toString();
  }

  static synchronized void ensureInstalled() {
    if (Files.isDirectory(DIR.resolve("node_modules/ltijs")) && Files.isDirectory(DIR.resolve("node_modules/ims-lti"))) {
      return;
    }
    try {
      // npm's output goes to a file: a child writing to the test JVM's stdout would garble surefire's channel.
      java.nio.file.Path log = Files.createTempFile("npm-ci", ".log");
      Process p = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund").directory(DIR.toFile())
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0) {
        throw new IllegalStateException("npm ci failed in " + DIR + ":\n" + Files.readString(log));
      }
      Files.deleteIfExists(log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run npm (is Node.js installed?)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
