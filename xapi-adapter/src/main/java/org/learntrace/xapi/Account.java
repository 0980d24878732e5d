package org.learntrace.xapi;

/**
 * An account on an existing system, the inverse functional identifier LearnTrace uses for
 * teachers and students: {@code homePage} is the id space (an IRL), {@code name} the pseudonym.
 *
 * @param homePage the IRL of the system that issued the account; required
 * @param name the unique id or name of the account on that system; required
 */
public record Account(String homePage, String name) {}
