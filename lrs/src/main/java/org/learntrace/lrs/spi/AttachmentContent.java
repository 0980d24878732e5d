package org.learntrace.lrs.spi;

/**
 * The raw content of an attachment.
 *
 * @param contentType its media type, as declared in the multipart part
 * @param content the bytes
 */
public record AttachmentContent(String contentType, byte[] content) {}
