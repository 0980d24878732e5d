package org.learntrace.lti;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Tool side SPI: the platforms this tool is registered with, by issuer and client id. */
public interface PlatformRegistry {
  Optional<PlatformRegistration> find(String issuer, String clientId);

  /** Every registration of {@code issuer} (login initiation may omit {@code client_id}). */
  List<PlatformRegistration> findByIssuer(String issuer);

  void save(PlatformRegistration platform);

  /** An in-memory registry. */
  static PlatformRegistry inMemory() {
    ConcurrentHashMap<List<String>, PlatformRegistration> regs = new ConcurrentHashMap<>();
    return new PlatformRegistry() {
      @Override
      public Optional<PlatformRegistration> find(String issuer, String clientId) {
        if (issuer == null || clientId == null) {
          return Optional.empty();
        }
        return Optional.ofNullable(regs.get(List.of(issuer, clientId)));
      }

      @Override
      public List<PlatformRegistration> findByIssuer(String issuer) {
        return regs.values().stream().filter(r -> r.issuer().equals(issuer)).toList();
      }

      @Override
      public void save(PlatformRegistration p) {
        regs.put(List.of(p.issuer(), p.clientId()), p);
      }
    };
  }
}
