package org.learntrace.xapi;

/**
 * An individual person or system. Exactly one of {@code mbox}, {@code mboxSha1sum}, {@code openid}
 * and {@code account} should be set; the validator reports any other count.
 *
 * <pre>{@code
 * Agent teacher = Agent.ofAccount("https://muktopaath.gov.bd/teachers", "Zk3q...");
 * }</pre>
 *
 * @param name display name, or null (LearnTrace never sends names of people)
 * @param mbox a {@code mailto:} IRI, or null
 * @param mboxSha1sum hex SHA-1 of a {@code mailto:} IRI, or null
 * @param openid an OpenID URI, or null
 * @param account an account, or null
 */
public record Agent(String name, String mbox, String mboxSha1sum, String openid, Account account)
    implements Actor {

  /** An agent identified by an account (the form LearnTrace uses for pseudonymous people). */
  public static Agent ofAccount(String homePage, String accountName) {
    return new Agent(null, null, null, null, new Account(homePage, accountName));
  }

  /** An agent identified by a {@code mailto:} IRI. */
  public static Agent ofMbox(String mailtoIri) {
    return new Agent(null, mailtoIri, null, null, null);
  }

  /** An agent identified by the hex SHA-1 of a {@code mailto:} IRI. */
  public static Agent ofMboxSha1sum(String sha1Hex) {
    return new Agent(null, null, sha1Hex, null, null);
  }

  /** An agent identified by an OpenID. */
  public static Agent ofOpenid(String openid) {
    return new Agent(null, null, null, openid, null);
  }

  /** This agent with a display name. */
  public Agent withName(String newName) {
    return new Agent(newName, mbox, mboxSha1sum, openid, account);
  }

  @Override
  public String objectType() {
    return "Agent";
  }
}
