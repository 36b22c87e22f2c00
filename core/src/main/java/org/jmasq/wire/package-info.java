/**
 * The byte-level conventions shared by every JMasq wire type: a bounds-checked reader whose only
 * failure is a typed {@link org.jmasq.wire.DecodeException}, and the matching writer.
 */
package org.jmasq.wire;
