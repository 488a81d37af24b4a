package dev.rampart.crypto.secagg;

import dev.rampart.crypto.Identity;
import dev.rampart.crypto.MessageSigning;
import dev.rampart.crypto.PublicKey;
import dev.rampart.crypto.internal.PartyIds;
import java.util.List;
import java.util.Objects;

/** Syntax checks shared by the message records, and signing. Stateless. */
final class Checks {
  static final int KEY_BYTES = 32;
  static final int DIGEST_BYTES = 32;
  static final int MAX_CIPHERTEXT_BYTES = 1024;
  static final int MAX_SHARE_BYTES = 256;

  private Checks() {}

  static Octets signature(Octets signature) {
    Objects.requireNonNull(signature, "signature");
    if (!signature.isEmpty() && signature.length() != PublicKey.SIGNATURE_BYTES) {
      throw new SecAggException("signature must be empty (unsigned) or "
          + PublicKey.SIGNATURE_BYTES + " bytes, but has " + signature.length());
    }
    return signature;
  }

  static Octets exactly(Octets value, int length, String field) {
    Objects.requireNonNull(value, field);
    if (value.length() != length) {
      throw new SecAggException(field + " must be " + length + " bytes, but has "
          + value.length());
    }
    return value;
  }

  static Octets atMost(Octets value, int max, String field) {
    Objects.requireNonNull(value, field);
    if (value.isEmpty() || value.length() > max) {
      throw new SecAggException(field + " must be 1-" + max + " bytes, but has " + value.length());
    }
    return value;
  }

  static List<String> ids(List<String> ids, String field) {
    List<String> copy = entries(ids, field);
    for (String id : copy) {
      PartyIds.requireValid(id, field + " entry");
    }
    return copy;
  }

  static <T> List<T> entries(List<T> list, String field) {
    Objects.requireNonNull(list, field);
    if (list.size() > SecAggMessage.MAX_ENTRIES) {
      throw new SecAggException(field + " may hold at most " + SecAggMessage.MAX_ENTRIES
          + " entries, but has " + list.size());
    }
    return List.copyOf(list);
  }

  static <T> List<T> nested(List<T> list, String field) {
    return entries(list, field);
  }

  static Octets sign(Identity signer, SecAggMessage unsigned) {
    MessageHeader h = unsigned.header();
    if (!h.sender().equals(signer.id())) {
      throw new SecAggException("header sender '" + h.sender() + "' is not the signer '"
          + signer.id() + "'");
    }
    return Octets.wrap(MessageSigning.sign(signer, unsigned.kind().signingType(),
        h.group().jobId().value(), h.group().round(), unsigned.signedBody()));
  }
}
