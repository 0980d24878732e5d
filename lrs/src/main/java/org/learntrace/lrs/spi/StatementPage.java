package org.learntrace.lrs.spi;

import java.util.List;

/**
 * One page of a statement query.
 *
 * @param statements the statements, in the query's order
 * @param nextCursor the cursor of the next page, or null when this is the last
 * @param consistentThroughMillis every statement stored up to this time was visible to the query
 */
public record StatementPage(List<StoredStatement> statements, Long nextCursor, long consistentThroughMillis) {}
