package org.learntrace.xapi.sink;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.learntrace.sdk.ConsentWithdrawn;
import org.learntrace.sdk.DeliveryResult;
import org.learntrace.sdk.Sink;
import org.learntrace.sdk.TrackedEvent;
import org.learntrace.xapi.Actor;
import org.learntrace.xapi.Statement;
import org.learntrace.xapi.StatementValidator;
import org.learntrace.xapi.Violation;
import org.learntrace.xapi.XapiValidationException;
import org.learntrace.xapi.XapiVersion;
import org.learntrace.xapi.lrs.LrsClient;
import org.learntrace.xapi.lrs.LrsException;
import org.learntrace.xapi.mapping.StatementMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sdk-core {@link Sink} that stores events in one xAPI LRS, as statements made by a
 * {@link StatementMapping}, through an {@link LrsClient}. Add one per LRS; each may take a subset of
 * the events through its {@linkplain Builder#filter filter}.
 *
 * <p>What becomes of a batch (the dispatcher retries, bisects and dead-letters accordingly; no
 * record is ever dropped):
 *
 * <ul>
 *   <li>200/204: accepted.
 *   <li>400: the LRS refused the batch because of some statement in it. For the dispatcher's whole
 *       batch the result is {@code rejected} and the dispatcher bisects; for a part of a batch the
 *       sink bisects itself; a single statement is rejected with the LRS's reason (dead-lettered).
 *   <li>409: some id is already stored. Each statement is read back by id (voided ones included)
 *       and compared as xAPI compares statements ({@link StatementComparison}): the same content is
 *       accepted (already stored), other content rejected with the first differing path; the
 *       statements the LRS does not hold are posted again.
 *   <li>413: the sink splits the batch and posts the halves; a single statement too large for the
 *       LRS is rejected.
 *   <li>401/403: the destination pauses: retry-later after {@link Builder#authorizationPause} (default
 *       {@value #DEFAULT_AUTHORIZATION_PAUSE_MINUTES} minutes), logged at ERROR, counted in
 *       {@link #authorizationFailures()} and flagged by {@link #authorizationProblem()} until a call
 *       succeeds again. Nothing is dropped while credentials are being fixed.
 *   <li>429, 5xx, timeouts, broken connections, unusable answers and any other status: retry-later,
 *       with the LRS's {@code Retry-After} when it sent one.
 *   <li>A mapping failure ({@link IllegalArgumentException}) or a statement invalid for the
 *       negotiated xAPI version: that record is rejected with the reason or every violation; the
 *       rest of the batch is posted.
 *   <li>{@link ConsentWithdrawn}: no statement is stored; every statement the LRS holds about the
 *       person (as actor, or in any agent position with {@link Builder#voidRelatedStatements}, the
 *       default) is voided in the person's name, idempotently (see {@link ConsentVoiding}). The
 *       person's agent is the actor of the statement the mapping makes of the withdrawal. Records
 *       before a withdrawal in the same batch are stored first; if any of them must be retried, the
 *       withdrawal and everything after it is retried too, so that order is kept.
 * </ul>
 *
 * <pre>{@code
 * LrsSink research = LrsSink.builder("research-lrs", LrsClient.builder(uri).credentials(creds).build(), mapper)
 *     .filter(e -> !(e.event() instanceof VideoProgressed))
 *     .build();
 * LearnTrace lt = LearnTrace.builder()...addSink(research).build();
 * }</pre>
 *
 * <p>Statements are validated here, per record, for the version the client negotiated; the client's
 * own check before sending is then redundant and may be switched off
 * ({@code LrsClient.Builder.validateBeforeSending(false)}). Thread-safe for the dispatcher's one
 * delivering thread; the counters may be read from any thread.
 */
public final class LrsSink implements Sink {
  static final long DEFAULT_AUTHORIZATION_PAUSE_MINUTES = 15;
  /** How long a destination pauses after a 401 or 403: {@value #DEFAULT_AUTHORIZATION_PAUSE_MINUTES} minutes. */
  public static final Duration DEFAULT_AUTHORIZATION_PAUSE = Duration.ofMinutes(DEFAULT_AUTHORIZATION_PAUSE_MINUTES);

  /** Batches on their way to the LRS at once, by default. */
  public static final int DEFAULT_MAX_IN_FLIGHT = 4;

  private static final Logger LOG = LoggerFactory.getLogger(LrsSink.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private final String name;
  private final LrsClient client;
  private final StatementMapping mapping;
  private final Predicate<TrackedEvent> filter;
  private final Duration authorizationPause;
  private final boolean voidRelated;
  private final int maxInFlight;
  private final AtomicLong authorizationFailures = new AtomicLong();
  private final AtomicLong voided = new AtomicLong();
  private volatile String authorizationProblem;

  private LrsSink(Builder b) {
    this.name = b.name;
    this.client = b.client;
    this.mapping = b.mapping;
    this.filter = b.filter;
    this.authorizationPause = b.authorizationPause;
    this.voidRelated = b.voidRelated;
    this.maxInFlight = b.maxInFlight;
  }

  /**
   * A builder.
   *
   * @param name the destination name policies route by (1–64 of {@code [A-Za-z0-9._-]})
   * @param client the LRS
   * @param mapping how events become statements
   */
  public static Builder builder(String name, LrsClient client, StatementMapping mapping) {
    return new Builder(name, client, mapping);
  }

  @Override
  public String name() {
    return name;
  }

  /** Thread-safe: the dispatcher may post this many batches at once (see {@link Builder#maxInFlight}). */
  @Override
  public int maxInFlight() {
    return maxInFlight;
  }

  /** How many times the LRS answered 401 or 403 since this sink was built. */
  public long authorizationFailures() {
    return authorizationFailures.get();
  }

  /**
   * The last 401/403 while the destination is paused for it; empty once a call succeeds again.
   * A platform's health check should alert on it: the destination delivers nothing until then.
   */
  public Optional<String> authorizationProblem() {
    return Optional.ofNullable(authorizationProblem);
  }

  /** How many statements this sink voided for consent withdrawals. */
  public long statementsVoided() {
    return voided.get();
  }

  /** The LRS client. */
  public LrsClient client() {
    return client;
  }

  @Override
  public DeliveryResult deliver(List<TrackedEvent> batch) {
    XapiVersion version;
    try {
      version = client.version();
    } catch (LrsException e) {
      return failure(e);
    }
    StatementValidator validator = StatementValidator.forVersion(version);
    DeliveryResult[] out = new DeliveryResult[batch.size()];
    List<Item> run = new ArrayList<>();
    DeliveryResult stop = null;
    for (int i = 0; i < batch.size() && stop == null; i++) {
      TrackedEvent e = batch.get(i);
      if (!filter.test(e)) {
        out[i] = DeliveryResult.accepted();
      } else if (e.event() instanceof ConsentWithdrawn) {
        stop = post(run, out, false);
        run.clear();
        if (stop == null) {
          out[i] = withdraw(e, version);
          if (out[i] instanceof DeliveryResult.RetryLater later) {
            stop = later;
          }
        }
      } else {
        Item item = map(i, e, version, validator, out);
        if (item != null) {
          run.add(item);
        }
      }
    }
    if (stop == null) {
      stop = post(run, out, run.size() == batch.size() && batch.size() > 1);
      if (stop instanceof DeliveryResult.Rejected) {
        return stop;
      }
    }
    for (int i = 0; i < out.length; i++) {
      if (out[i] == null) {
        out[i] = stop;
      }
    }
    if (out.length == 1) {
      return out[0];
    }
    if (Arrays.stream(out).allMatch(r -> r instanceof DeliveryResult.Accepted)) {
      return DeliveryResult.accepted();
    }
    if (Arrays.stream(out).allMatch(r -> r instanceof DeliveryResult.RetryLater)) {
      return out[0];
    }
    return DeliveryResult.perRecord(Arrays.asList(out));
  }

  /** An event, its place in the batch and its statement. */
  private record Item(int index, TrackedEvent event, Statement statement) {}

  private Item map(int index, TrackedEvent e, XapiVersion version, StatementValidator validator, DeliveryResult[] out) {
    Statement s;
    try {
      s = mapping.toStatement(e, version);
    } catch (IllegalArgumentException ex) {
      out[index] = DeliveryResult.rejected("cannot map " + typeOf(e) + " to a statement: " + ex.getMessage());
      return null;
    }
    if (s == null) {
      out[index] = DeliveryResult.rejected("the mapping made no statement of " + typeOf(e));
      return null;
    }
    if (s.id() == null) {
      s = s.withId(e.id());
    }
    List<Violation> violations = mapping.validatesStatements() ? List.of() : validator.validate(s);
    if (!violations.isEmpty()) {
      out[index] = DeliveryResult.rejected("statement invalid for xAPI " + version.text() + ": "
          + violations.stream().map(Violation::toString).collect(Collectors.joining("; ")));
      return null;
    }
    return new Item(index, e, s);
  }

  private static String typeOf(TrackedEvent e) {
    return e.event().getClass().getSimpleName() + " " + e.id();
  }

  /**
   * Posts {@code items}, writing each one's outcome into {@code out}.
   *
   * @param whole whether these are the dispatcher's whole batch: a 400 is then returned as
   *     {@code rejected}, for the dispatcher to bisect
   * @return null when every item is resolved; the retry-later that stopped the posting (items
   *     without an outcome share it); or, only when {@code whole}, the batch's rejection
   */
  private DeliveryResult post(List<Item> items, DeliveryResult[] out, boolean whole) {
    if (items.isEmpty()) {
      return null;
    }
    try {
      client.postStatements(items.stream().map(Item::statement).toList());
      succeeded();
      items.forEach(it -> out[it.index()] = DeliveryResult.accepted());
      return null;
    } catch (XapiValidationException e) {
      return refused(items, out, whole, "statement invalid: " + e.getMessage());
    } catch (LrsException e) {
      switch (e.kind()) {
        case BAD_REQUEST:
          return refused(items, out, whole, "the LRS refused the statement (" + e.status() + "): " + e.body());
        case CONFLICT:
          return resolveConflict(items, out);
        case PAYLOAD_TOO_LARGE:
          if (items.size() == 1) {
            out[items.get(0).index()] = DeliveryResult.rejected(
                "the statement is too large for the LRS (" + e.status() + "): " + e.body());
            return null;
          }
          return split(items, out);
        default:
          return failure(e);
      }
    }
  }

  private DeliveryResult refused(List<Item> items, DeliveryResult[] out, boolean whole, String reason) {
    if (items.size() == 1) {
      out[items.get(0).index()] = DeliveryResult.rejected(reason);
      return null;
    }
    return whole ? DeliveryResult.rejected(reason) : split(items, out);
  }

  private DeliveryResult split(List<Item> items, DeliveryResult[] out) {
    int mid = items.size() / 2;
    DeliveryResult left = post(items.subList(0, mid), out, false);
    return left != null ? left : post(items.subList(mid, items.size()), out, false);
  }

  /** A 409: read each statement back and compare; post again what the LRS does not hold. */
  private DeliveryResult resolveConflict(List<Item> items, DeliveryResult[] out) {
    List<Item> absent = new ArrayList<>();
    for (Item it : items) {
      Optional<Statement> stored;
      try {
        stored = client.getStatement(it.statement().id());
        if (stored.isEmpty()) {
          stored = client.getVoidedStatement(it.statement().id());
        }
      } catch (LrsException e) {
        return failure(e);
      }
      if (stored.isEmpty()) {
        absent.add(it);
        continue;
      }
      String diff = StatementComparison.difference(it.statement(), stored.get());
      out[it.index()] = diff == null
          ? DeliveryResult.accepted()
          : DeliveryResult.rejected("statement id " + it.statement().id()
              + " is already stored in the LRS with other content (first difference at " + diff + ")");
    }
    if (absent.isEmpty()) {
      return null;
    }
    if (absent.size() == items.size()) {
      // The LRS says conflict but holds none of them (not yet visible, or it is inconsistent): wait.
      return new DeliveryResult.RetryLater(null, "the LRS answered 409 but holds none of the statements' ids");
    }
    return post(absent, out, false);
  }

  private DeliveryResult withdraw(TrackedEvent e, XapiVersion version) {
    Actor person;
    try {
      Statement s = mapping.toStatement(e, version);
      person = s == null ? null : s.actor();
    } catch (IllegalArgumentException ex) {
      LOG.error("{}: cannot void the statements of a withdrawn person, mapping failed for {}: {}", name, e.id(),
          ex.getMessage());
      return DeliveryResult.rejected("cannot map the consent withdrawal to the person's agent: " + ex.getMessage());
    }
    if (person == null) {
      LOG.error("{}: cannot void the statements of a withdrawn person, no actor for {}", name, e.id());
      return DeliveryResult.rejected("the mapping gave the consent withdrawal no actor to void the statements of");
    }
    try {
      int n = ConsentVoiding.voidAll(client, person, voidRelated);
      succeeded();
      voided.addAndGet(n);
      LOG.info("{}: consent withdrawal {}: voided {} statements", name, e.id(), n);
      return DeliveryResult.accepted();
    } catch (LrsException ex) {
      if (ex.kind() == LrsException.Kind.BAD_REQUEST) {
        LOG.error("{}: the LRS refused to void the statements of a withdrawn person ({}): {}", name, e.id(),
            ex.getMessage());
        return DeliveryResult.rejected("the LRS refused the voiding: " + ex.getMessage());
      }
      return failure(ex);
    } catch (XapiValidationException ex) {
      return DeliveryResult.rejected("the voiding statements are invalid: " + ex.getMessage());
    }
  }

  /** The retry-later for a failure that left everything unstored. */
  private DeliveryResult.RetryLater failure(LrsException e) {
    switch (e.kind()) {
      case UNAUTHORIZED:
      case FORBIDDEN:
        authorizationFailures.incrementAndGet();
        authorizationProblem = e.getMessage();
        LOG.error("{}: the LRS refused our credentials ({}); pausing this destination for {}, nothing is dropped: {}",
            name, e.status(), authorizationPause, e.getMessage());
        return new DeliveryResult.RetryLater(authorizationPause, "LRS answered " + e.status() + ": " + e.getMessage());
      default:
        if (!e.isRetryable()) {
          LOG.warn("{}: unexpected answer from the LRS, will retry: {}", name, e.getMessage());
        }
        return new DeliveryResult.RetryLater(e.retryAfter(), e.kind() + ": " + e.getMessage());
    }
  }

  private void succeeded() {
    authorizationProblem = null;
  }

  /** Configures an {@link LrsSink}. */
  public static final class Builder {
    private final String name;
    private final LrsClient client;
    private final StatementMapping mapping;
    private Predicate<TrackedEvent> filter = e -> true;
    private Duration authorizationPause = DEFAULT_AUTHORIZATION_PAUSE;
    private boolean voidRelated = true;
    private int maxInFlight = DEFAULT_MAX_IN_FLIGHT;

    private Builder(String name, LrsClient client, StatementMapping mapping) {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("name must be 1-64 characters of [A-Za-z0-9._-], was " + name);
      }
      this.name = name;
      this.client = Objects.requireNonNull(client, "client");
      this.mapping = Objects.requireNonNull(mapping, "mapping");
    }

    /**
     * Which events this LRS takes; the others count as delivered without being sent. Consent
     * withdrawals are subject to it too, so a filter should let them through. Default: all.
     */
    public Builder filter(Predicate<TrackedEvent> filter) {
      this.filter = Objects.requireNonNull(filter, "filter");
      return this;
    }

    /**
     * How long the destination waits after a 401 or 403 before trying again (capped by the
     * dispatcher at one hour). Default {@link #DEFAULT_AUTHORIZATION_PAUSE}.
     */
    public Builder authorizationPause(Duration pause) {
      if (pause == null || pause.isNegative() || pause.isZero()) {
        throw new IllegalArgumentException("authorizationPause must be positive, was " + pause);
      }
      this.authorizationPause = pause;
      return this;
    }

    /**
     * Whether a consent withdrawal voids every statement naming the person in any agent position
     * ({@code related_agents=true}: instructor, team member, context agent…) or only those where
     * the person is the actor. Default true: a pseudonym in any position is the person's data.
     */
    public Builder voidRelatedStatements(boolean related) {
      this.voidRelated = related;
      return this;
    }

    /**
     * How many batches may be on their way to the LRS at once, each on its own connection. More
     * than one keeps the pipe full while the LRS answers (the delivery cursor still advances in
     * outbox order, so a crash redelivers, never loses); batches may then be stored out of order,
     * which xAPI allows ({@code stored} order is the LRS's own). A consent withdrawal is always
     * delivered alone, after everything before it. Default {@value #DEFAULT_MAX_IN_FLIGHT}; 1 for
     * strictly ordered delivery.
     */
    public Builder maxInFlight(int batches) {
      if (batches < 1 || batches > 64) {
        throw new IllegalArgumentException("maxInFlight must be 1-64, was " + batches);
      }
      this.maxInFlight = batches;
      return this;
    }

    /** The sink. */
    public LrsSink build() {
      return new LrsSink(this);
    }
  }
}
