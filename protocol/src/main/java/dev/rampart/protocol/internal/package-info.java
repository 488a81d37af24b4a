/**
 * Implementation details of the protocol module (chunk bookkeeping). Not API.
 */
package dev.rampart.protocol.internal;
