/**
 * The xAPI communication chapter as JAX-RS resources and filters. Public only because Jersey
 * instantiates and reflects on them; not an API: use {@link org.learntrace.lrs.EmbeddedLrs}.
 */
package org.learntrace.lrs.http;
