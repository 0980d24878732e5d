package org.learntrace.lrs.http;

import java.time.Clock;
import org.learntrace.lrs.spi.LrsStore;

/**
 * What the resources share: the store, the clock, and the home page of the authority accounts.
 *
 * @param store the storage
 * @param clock the clock for document update times
 * @param homePage the IRL naming this LRS in authority accounts
 */
record LrsContext(LrsStore store, Clock clock, String homePage) {}
