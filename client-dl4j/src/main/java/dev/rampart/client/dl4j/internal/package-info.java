/** Implementation of the Deeplearning4j trainer: network access and local batches. Not API. */
package dev.rampart.client.dl4j.internal;
