package org.learntrace.xapi;

import java.util.List;

/**
 * A group of agents: identified (exactly one IFI; {@code member} optional) or anonymous (no IFI;
 * {@code member} required). LearnTrace uses an identified group for a class of students in {@code
 * context.team}.
 *
 * @param name display name, or null
 * @param mbox a {@code mailto:} IRI, or null
 * @param mboxSha1sum hex SHA-1 of a {@code mailto:} IRI, or null
 * @param openid an OpenID URI, or null
 * @param account an account, or null
 * @param member the members, never null (empty when absent)
 */
public record Group(
    String name, String mbox, String mboxSha1sum, String openid, Account account, List<Agent> member)
    implements Actor {

  /** Copies {@code member}; null becomes empty. */
  public Group {
    member = member == null ? List.of() : List.copyOf(member);
  }

  /** An identified group with an account IFI and no member list. */
  public static Group ofAccount(String homePage, String accountName) {
    return new Group(null, null, null, null, new Account(homePage, accountName), List.of());
  }

  /** An anonymous group of these members. */
  public static Group anonymous(List<Agent> members) {
    return new Group(null, null, null, null, null, members);
  }

  /** Whether the group has no IFI. */
  public boolean isAnonymous() {
    return ifiCount() == 0;
  }

  /** This group with a display name. */
  public Group withName(String newName) {
    return new Group(newName, mbox, mboxSha1sum, openid, account, member);
  }

  /** This group with these members. */
  public Group withMember(List<Agent> members) {
    return new Group(name, mbox, mboxSha1sum, openid, account, members);
  }

  @Override
  public String objectType() {
    return "Group";
  }
}
