package dev.rampart.protocol;

/**
 * Kafka record keys on the {@code <prefix>.<job>.secagg} topic. Coordinator messages to a group
 * are keyed {@code <round>/<group>}; a client's messages {@code <round>/<group>/<client>}. Readers
 * use the key only to skip records that are not for them without parsing them (clients skip the
 * other members' masked vectors); every message is still authenticated by its signed envelope and
 * its signed secure-aggregation header. Stateless and thread-safe.
 */
public final class SecAggRecordKeys {
  private SecAggRecordKeys() {}

  /** Key of a coordinator message to {@code group} in {@code round}. */
  public static String fromCoordinator(long round, int group) {
    return round + "/" + group;
  }

  /** Key of {@code client}'s message in {@code group} of {@code round}. */
  public static String fromClient(long round, int group, String client) {
    return round + "/" + group + "/" + client;
  }

  /** Whether {@code key} has the shape of a client message of {@code round}. */
  public static boolean isClientKeyOfRound(String key, long round) {
    return key != null && key.startsWith(round + "/") && key.indexOf('/', key.indexOf('/') + 1) > 0;
  }
}
