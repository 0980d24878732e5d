package org.learntrace.xapi;

/**
 * Who a statement is about: an {@link Agent} or a {@link Group}. Also the type of {@code
 * authority}, {@code context.instructor} and members of {@code contextAgents}.
 *
 * <p>Both carry the four inverse functional identifiers (IFIs); an Agent and an identified Group
 * must have exactly one, an anonymous Group none.
 */
public sealed interface Actor extends StatementObject permits Agent, Group {
  /** The display name, or null. */
  String name();

  /** {@code mailto:} IRI, or null. */
  String mbox();

  /** Hex SHA-1 of a {@code mailto:} IRI, or null. */
  String mboxSha1sum();

  /** An OpenID URI, or null. */
  String openid();

  /** An account, or null. */
  Account account();

  /** How many of the four IFIs are set. */
  default int ifiCount() {
    return (mbox() != null ? 1 : 0)
        + (mboxSha1sum() != null ? 1 : 0)
        + (openid() != null ? 1 : 0)
        + (account() != null ? 1 : 0);
  }
}
