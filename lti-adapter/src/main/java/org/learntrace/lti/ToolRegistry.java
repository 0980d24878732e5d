package org.learntrace.lti;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Platform side SPI: the tools registered with this platform, by client id. */
public interface ToolRegistry {
  Optional<ToolRegistration> find(String clientId);

  void save(ToolRegistration tool);

  /** An in-memory registry. */
  static ToolRegistry inMemory() {
    ConcurrentHashMap<String, ToolRegistration> tools = new ConcurrentHashMap<>();
    return new ToolRegistry() {
      @Override
      public Optional<ToolRegistration> find(String clientId) {
        return clientId == null ? Optional.empty() : Optional.ofNullable(tools.get(clientId));
      }

      @Override
      public void save(ToolRegistration tool) {
        tools.put(tool.clientId(), tool);
      }
    };
  }
}
