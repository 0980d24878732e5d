/** The JDBC implementation of the storage SPI, for H2 (file) and PostgreSQL. */
package org.learntrace.lrs.jdbc;
