package dev.rampart.aggregation.coding;

/**
 * How {@link DracoDecoder} votes inside a repetition group of m members. Values are compared
 * bit for bit ({@link Float#floatToIntBits}), because honest members run the same deterministic
 * computation on the same data; a tolerance would make "equal" non-transitive. Immutable and
 * thread-safe.
 */
public enum MajorityVote {
  /** The group's value is the whole vector sent identically by more than m/2 members. */
  VECTOR,
  /**
   * Each coordinate independently takes the value sent by more than m/2 members; survives
   * attackers who corrupt different coordinates, at the cost of m passes per coordinate.
   */
  COORDINATE
}
