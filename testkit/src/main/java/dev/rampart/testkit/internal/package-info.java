/**
 * Broker runners behind the test kit's API. Not API.
 */
package dev.rampart.testkit.internal;
