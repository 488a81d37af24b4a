/**
 * Implementation of the client SDK: the client's topics on the shared transport and the verified view of the coordinator's plans and models. Not API.
 */
package dev.rampart.client.internal;
