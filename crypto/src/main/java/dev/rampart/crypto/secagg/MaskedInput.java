package dev.rampart.crypto.secagg;

import dev.rampart.crypto.Identity;
import java.util.Arrays;
import java.util.Objects;

/**
 * Phase P2, client to coordinator: the masked input
 * {@code y_u = q(x_u) + PRG(b_u) + Σ_{v<u} PRG(k_uv) − Σ_{v>u} PRG(k_uv)} mod 2^32.
 *
 * <p>Immutable and thread-safe: the vector is copied in and {@link #vector()} returns a copy.
 *
 * @param header binding with session id
 * @param vector y_u, one element of Z/2^32 per coordinate
 * <p>A client sends it unsigned (empty signature): its envelope's signature is its one signature
 * (see {@link SecAggMessage}); {@link #sign} remains for senders that sign it anyway, and such a
 * signature must verify.
 *
 * @param signature the client's signature, or empty
 */
public record MaskedInput(MessageHeader header, int[] vector, Octets signature)
    implements SecAggMessage {

  /** Validates the header; copies the vector. */
  public MaskedInput {
    Objects.requireNonNull(header, "header").requireSessionIdFor(MessageKind.MASKED_INPUT);
    vector = Objects.requireNonNull(vector, "vector").clone();
    Checks.signature(signature);
  }

  /** Builds and signs the message as {@code signer}. */
  public static MaskedInput sign(Identity signer, SessionRef session, int[] vector) {
    MaskedInput unsigned = new MaskedInput(new MessageHeader(session, signer.id()), vector,
        Octets.EMPTY);
    return unsigned.withSignature(Checks.sign(signer, unsigned));
  }

  private MaskedInput withSignature(Octets newSignature) {
    return new MaskedInput(header, vector, newSignature);
  }

  /** A copy of y_u. */
  @Override
  public int[] vector() {
    return vector.clone();
  }

  /** The vector without copying, for this package's encoders and summation; never modified. */
  int[] vectorView() {
    return vector;
  }

  /** Number of coordinates. */
  public int dimension() {
    return vector.length;
  }

  @Override
  public MessageKind kind() {
    return MessageKind.MASKED_INPUT;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof MaskedInput other && header.equals(other.header)
        && Arrays.equals(vector, other.vector) && signature.equals(other.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(header, Arrays.hashCode(vector), signature);
  }

  /** Header, dimension and signature state; never the vector. */
  @Override
  public String toString() {
    return "MaskedInput[" + header + ", dimension=" + vector.length + ", "
        + (signature.isEmpty() ? "unsigned" : "signed") + "]";
  }
}
