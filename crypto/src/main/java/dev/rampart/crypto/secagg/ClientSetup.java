package dev.rampart.crypto.secagg;

import dev.rampart.crypto.Identity;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * Everything a {@link SecAggClient} needs besides its input: the session context, the client's
 * identity, its trust anchors, its state store, a source of key material and the number of
 * threads for mask expansion. Built with {@link #builder()}.
 *
 * <p>Immutable and thread-safe (the {@link SecureRandom} is shared by reference).
 */
public final class ClientSetup {
  /** Default number of mask-expansion threads. */
  public static final int DEFAULT_MASK_THREADS = 1;
  /** Largest accepted number of mask-expansion threads. */
  public static final int MAX_MASK_THREADS = 64;

  private final SessionContext context;
  private final Identity identity;
  private final TrustAnchors trust;
  private final ClientStateStore store;
  private final SecureRandom random;
  private final int maskThreads;

  private ClientSetup(Builder b) {
    this.context = b.context;
    this.identity = b.identity;
    this.trust = b.trust;
    this.store = b.store;
    this.random = b.random != null ? b.random : new SecureRandom();
    this.maskThreads = b.maskThreads;
  }

  /** A builder with no values set except the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The session context. */
  public SessionContext context() {
    return context;
  }

  /** The client's long-term identity; its id must be a planned member. */
  public Identity identity() {
    return identity;
  }

  /** The coordinator key and client registry. */
  public TrustAnchors trust() {
    return trust;
  }

  /** Where session state is persisted before every send. */
  public ClientStateStore store() {
    return store;
  }

  /** Source of X25519 keys, the self-mask seed and Shamir coefficients. */
  public SecureRandom random() {
    return random;
  }

  /** Threads used to expand masks in P2, 1 to {@value #MAX_MASK_THREADS}. */
  public int maskThreads() {
    return maskThreads;
  }

  /** Builds a {@link ClientSetup}; not thread-safe. */
  public static final class Builder {
    private SessionContext context;
    private Identity identity;
    private TrustAnchors trust;
    private ClientStateStore store;
    private SecureRandom random;
    private int maskThreads = DEFAULT_MASK_THREADS;

    private Builder() {}

    /** The session context (required). */
    public Builder context(SessionContext value) {
      this.context = Objects.requireNonNull(value, "context");
      return this;
    }

    /** The client's identity (required). */
    public Builder identity(Identity value) {
      this.identity = Objects.requireNonNull(value, "identity");
      return this;
    }

    /** The trust anchors (required). */
    public Builder trust(TrustAnchors value) {
      this.trust = Objects.requireNonNull(value, "trust");
      return this;
    }

    /** The state store (required). */
    public Builder store(ClientStateStore value) {
      this.store = Objects.requireNonNull(value, "store");
      return this;
    }

    /** The randomness source; defaults to a platform-seeded {@link SecureRandom}. */
    public Builder random(SecureRandom value) {
      this.random = Objects.requireNonNull(value, "random");
      return this;
    }

    /**
     * Mask-expansion threads.
     *
     * @throws SecAggException naming the value unless 1 to {@value #MAX_MASK_THREADS}
     */
    public Builder maskThreads(int value) {
      if (value < 1 || value > MAX_MASK_THREADS) {
        throw new SecAggException("maskThreads must be 1-" + MAX_MASK_THREADS + ", but was "
            + value);
      }
      this.maskThreads = value;
      return this;
    }

    /**
     * The setup.
     *
     * @throws SecAggException if a required value is missing or the identity is not a planned
     *     member of the group
     */
    public ClientSetup build() {
      if (context == null || identity == null || trust == null || store == null) {
        throw new SecAggException("context, identity, trust and store are required");
      }
      if (!context.members().contains(identity.id())) {
        throw new SecAggException("identity '" + identity.id() + "' is not a member of "
            + context.group() + " (members " + context.members() + ")");
      }
      return new ClientSetup(this);
    }
  }
}
