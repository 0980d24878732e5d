package org.learntrace.xapi.collector;

/**
 * One thing wrong with a request or an item of it.
 *
 * @param path where, as a JSON path from the body's root ({@code $[3].occurrence.occurredAt}), or
 *     {@code header <name>} for a header
 * @param rule the rule broken, e.g. {@code required}, {@code actor-mismatch}, or an xAPI
 *     requirement id such as {@code XAPI-00038}
 * @param detail what was found, in words
 */
record ItemError(String path, String rule, String detail) {}
