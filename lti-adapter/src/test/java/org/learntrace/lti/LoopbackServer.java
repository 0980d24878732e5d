package org.learntrace.lti;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.glassfish.jersey.server.ContainerFactory;
import org.glassfish.jersey.server.ResourceConfig;

/** A real HTTP server on 127.0.0.1 and a random port, hosting JAX-RS resources in Jersey. */
final class LoopbackServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor = Executors.newFixedThreadPool(8);

  LoopbackServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.setExecutor(executor);
  }

  /** The base URI, known before the resources exist (so they can be built with their own URLs). */
  URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  LoopbackServer start(Object... resources) {
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
    executor.shutdownNow();
  }
}
