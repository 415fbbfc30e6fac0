package io.campaignrelay.testkit;

/**
 * A fault that a fake actually injected, for assertions and for reproducing a run.
 *
 * @param operation the fake's operation name (see each fake's javadoc)
 * @param call the 1-based number of the call to that operation that got the fault
 * @param fault the fault
 */
public record InjectedFault(String operation, long call, Fault fault) {}
