package org.learntrace.xapi.sink;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.learntrace.xapi.Actor;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.StatementRef;
import org.learntrace.xapi.Verb;
import org.learntrace.xapi.lrs.LrsClient;
import org.learntrace.xapi.mapping.EventMapper;
import org.learntrace.xapi.lrs.LrsException;
import org.learntrace.xapi.lrs.StatementQuery;

/**
 * Voids every statement an LRS holds about a person who withdrew consent.
 *
 * <p>Idempotent by construction: the voiding statement for target {@code t} has the id
 * {@code UUIDv5(VOIDING_NAMESPACE, t)} and no timestamp, so that it is byte-for-byte the same on
 * every attempt; an LRS no longer returns a voided statement from a query, so a repeated withdrawal
 * finds only what is still to be voided; and a voiding statement that is already stored (an
 * interrupted earlier attempt) answers 409 or 204, both of which count as done.
 */
final class ConsentVoiding {
  /** UUID v5 of {@code https://learntrace.org/ns/voiding} in the URL namespace. */
  static final UUID VOIDING_NAMESPACE =
      v5(UUID.fromString("6ba7b811-9dad-11d1-80b4-00c04fd430c8"), "https://learntrace.org/ns/voiding");
  private static final int VOIDING_BATCH = 100;

  private ConsentVoiding() {}

  /**
   * Voids what {@code client} holds about {@code person} (as actor or, when {@code related}, in any
   * agent position), in the person's name.
   *
   * @return how many statements were voided by this call
   * @throws LrsException when the LRS fails; a retry resumes where this call stopped
   */
  static int voidAll(LrsClient client, Actor person, boolean related) {
    StatementQuery query = StatementQuery.builder().agent(person).relatedAgents(related).build();
    // Collect first: voiding while paging would shift the pages under the cursor.
    List<UUID> targets = client.streamStatements(query)
        // The withdrawal itself stays: it is the record that consent was withdrawn.
        .filter(s -> !s.isVoiding() && s.id() != null && !EventMapper.isConsentWithdrawal(s))
        .map(Statement::id)
        .collect(Collectors.toList());
    for (int from = 0; from < targets.size(); from += VOIDING_BATCH) {
      List<Statement> voiding = new ArrayList<>();
      for (UUID target : targets.subList(from, Math.min(targets.size(), from + VOIDING_BATCH))) {
        voiding.add(voidingStatement(target, person));
      }
      post(client, voiding);
    }
    return targets.size();
  }

  private static void post(LrsClient client, List<Statement> voiding) {
    try {
      client.postStatements(voiding);
    } catch (LrsException e) {
      if (e.kind() != LrsException.Kind.CONFLICT) {
        throw e;
      }
      // Some voiding statement is already stored: post one at a time, a conflict meaning "done".
      for (Statement s : voiding) {
        try {
          client.postStatements(List.of(s));
        } catch (LrsException one) {
          if (one.kind() != LrsException.Kind.CONFLICT) {
            throw one;
          }
        }
      }
    }
  }

  /** The voiding statement for {@code target}: deterministic id, no timestamp. */
  static Statement voidingStatement(UUID target, Actor person) {
    return Statement.builder()
        .id(v5(VOIDING_NAMESPACE, target.toString()))
        .actor(person)
        .verb(Verb.of(Verb.VOIDED, "en-US", "voided"))
        .object(StatementRef.of(target))
        .build();
  }

  /** An RFC 9562 name-based (SHA-1) UUID, version 5. */
  static UUID v5(UUID namespace, String name) {
    try {
      MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
      sha1.update(ByteBuffer.allocate(16).putLong(namespace.getMostSignificantBits())
          .putLong(namespace.getLeastSignificantBits()).array());
      byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
      h[6] = (byte) ((h[6] & 0x0f) | 0x50);
      h[8] = (byte) ((h[8] & 0x3f) | 0x80);
      ByteBuffer b = ByteBuffer.wrap(h, 0, 16);
      return new UUID(b.getLong(), b.getLong());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
  }
}
