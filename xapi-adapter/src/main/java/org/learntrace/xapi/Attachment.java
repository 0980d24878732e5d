package org.learntrace.xapi;

/**
 * Metadata of a file attached to a statement; the file travels in a multipart/mixed request
 * identified by {@code sha2}, or stays at {@code fileUrl}.
 *
 * @param usageType IRI saying what the attachment is for (e.g. a signature); required
 * @param display display name per language; required
 * @param description description per language, or null
 * @param contentType the Internet media type; required
 * @param length the size in octets; required
 * @param sha2 hex SHA-2 (SHA-256 by default) of the content; required
 * @param fileUrl an IRL where the file can be fetched, or null
 */
public record Attachment(
    String usageType,
    LanguageMap display,
    LanguageMap description,
    String contentType,
    long length,
    String sha2,
    String fileUrl) {

  /** The usage type of a JWS signature attachment. */
  public static final String SIGNATURE_USAGE_TYPE = "http://adlnet.gov/expapi/attachments/signature";
}
