package org.learntrace.lrs.http;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.learntrace.xapi.XapiTimestamp;

/** Dates in the forms HTTP headers and xAPI headers use. */
final class HttpDates {
  private HttpDates() {}

  /** RFC 1123, for Last-Modified. */
  static String http(long millis) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC));
  }

  /** ISO 8601 UTC with milliseconds, for X-Experience-API-Consistent-Through. */
  static String xapi(long millis) {
    return XapiTimestamp.of(Instant.ofEpochMilli(millis)).text();
  }
}
