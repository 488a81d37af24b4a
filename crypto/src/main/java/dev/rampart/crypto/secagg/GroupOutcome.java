package dev.rampart.crypto.secagg;

import dev.rampart.crypto.FixedPointCodec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The end of one group's session: either the unmasked sum of the survivors' encoded inputs, with
 * its decoded sum and mean over |U3| (the group mean that feeds the robust step), or a failure
 * with its reason. A failed group is dropped whole and the round continues.
 *
 * <p>Immutable and thread-safe; arrays are copied out.
 */
public final class GroupOutcome {
  private final GroupRef group;
  private final String failureReason;
  private final List<String> survivors;
  private final int[] sum;
  private final float[] decodedSum;
  private final float[] mean;

  private GroupOutcome(GroupRef group, String failureReason, List<String> survivors, int[] sum,
      float[] decodedSum, float[] mean) {
    this.group = group;
    this.failureReason = failureReason;
    this.survivors = survivors;
    this.sum = sum;
    this.decodedSum = decodedSum;
    this.mean = mean;
  }

  /**
   * A failed group.
   *
   * @param reason why, naming the member or check that failed
   */
  public static GroupOutcome failed(GroupRef group, String reason) {
    Objects.requireNonNull(group, "group");
    Objects.requireNonNull(reason, "reason");
    return new GroupOutcome(group, reason, List.of(), null, null, null);
  }

  /**
   * A successful group: {@code sum} is Σ_{u∈U3} q(x_u) mod 2^32, decoded with |U3| summands.
   *
   * @throws dev.rampart.protocol.RampartException if |U3| is out of the codec's range
   */
  public static GroupOutcome succeeded(GroupRef group, List<String> survivors, int[] sum,
      FixedPointCodec codec) {
    Objects.requireNonNull(group, "group");
    List<String> u3 = List.copyOf(survivors);
    int[] copy = sum.clone();
    return new GroupOutcome(group, null, u3, copy, codec.decodeSum(copy, u3.size()),
        codec.decodeMean(copy, u3.size()));
  }

  /** The group. */
  public GroupRef group() {
    return group;
  }

  /** Whether the group produced a sum. */
  public boolean isSuccess() {
    return failureReason == null;
  }

  /** Why the group failed, empty on success. */
  public Optional<String> failureReason() {
    return Optional.ofNullable(failureReason);
  }

  /** U3, the clients whose inputs are in the sum (sorted); empty on failure. */
  public List<String> survivors() {
    return survivors;
  }

  /** |U3|, the count the sum was decoded with; 0 on failure. */
  public int survivorCount() {
    return survivors.size();
  }

  /** The unmasked modular sum of the encoded inputs. @throws IllegalStateException on failure */
  public int[] sum() {
    return require().sum.clone();
  }

  /** The decoded sum of the survivors' clipped inputs. @throws IllegalStateException on failure */
  public float[] decodedSum() {
    return require().decodedSum.clone();
  }

  /** The decoded mean over |U3|. @throws IllegalStateException on failure */
  public float[] mean() {
    return require().mean.clone();
  }

  private GroupOutcome require() {
    if (failureReason != null) {
      throw new IllegalStateException("group " + group + " failed: " + failureReason);
    }
    return this;
  }

  @Override
  public String toString() {
    return isSuccess()
        ? "GroupOutcome[" + group + ", success, survivors=" + survivors + "]"
        : "GroupOutcome[" + group + ", failed: " + failureReason + "]";
  }
}
