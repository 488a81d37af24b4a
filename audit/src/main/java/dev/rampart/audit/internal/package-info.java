/**
 * Implementation of the audit module: the canonical JSON dialect, the record line codec, segment
 * files and durable writes, the model file codec and the HTML/SVG report renderer. Not API: it may
 * change without notice, and it never depends on the {@code dev.rampart.audit} package.
 */
package dev.rampart.audit.internal;
