/**
 * Wire schema v1 (generated classes in {@code dev.rampart.protocol.wire}), typed identifiers, topic names, the float vector codec and chunking of messages larger than the broker's record limit. No Kafka types.
 */
package dev.rampart.protocol;
