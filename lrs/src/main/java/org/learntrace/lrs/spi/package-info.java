/**
 * The storage SPI of the LRS: what the HTTP layer needs from a database. {@link
 * org.learntrace.lrs.spi.LrsStore} is the one interface; {@code org.learntrace.lrs.jdbc.JdbcLrsStore}
 * implements it on H2 (file) and PostgreSQL.
 */
package org.learntrace.lrs.spi;
