/**
 * Implementation of the client SDK: the Kafka adapter and the verified view of the coordinator's plans and models. Not API.
 */
package dev.rampart.client.internal;
