package org.learntrace.demo;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/**
 * JAX-RS resources served by Jersey on the JDK's HTTP server, on 127.0.0.1 and a free port. The
 * port is known before the resources are made, because LTI endpoints are built with their own URLs.
 */
final class LoopbackJaxRs implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService workers;

  LoopbackJaxRs(String name) throws IOException {
    this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    this.workers = Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "demo-" + name);
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(workers);
  }

  /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Serves {@code resources} (JAX-RS resource instances) from {@code /}. */
  LoopbackJaxRs start(Object... resources) {
    ResourceConfig rc = new ResourceConfig();
    for (Object r : resources) {
      rc.register(r);
    }
    server.createContext("/", ContainerFactory.createContainer(HttpHandler.class, rc));
    server.start();
    return this;
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }
}
