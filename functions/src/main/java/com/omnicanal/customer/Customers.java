package com.omnicanal.customer;

import com.omnicanal.outbox.OutboxMessage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Port: profiles, identities, consents, verification challenges and the staff access log. Once a customer id is marked
 * erased ({@link #markErased}), every write under it is refused: {@link com.omnicanal.shared.DomainException.Forbidden}
 * unless said otherwise.
 */
public interface Customers {
    Optional<Profile> profile(String id);

    /** Creates the profile unless one exists (first sign-in); returns the stored one. */
    Profile createIfAbsent(Profile fresh);

    void save(Profile profile);

    Optional<Identity> identity(Identity.Kind kind, String value);

    List<Identity> identities(String customerId);

    /**
     * Gives the identity to the customer, unless another customer holds it (or the customer was erased): false then.
     * {@code takeOverUnverified}: an unverified claim by someone else is taken from them (the new owner just proved
     * control of it; they never did).
     */
    boolean claim(Identity identity, boolean takeOverUnverified);

    /** Moves an identity to another customer (a merge), whatever its state. */
    void reassign(Identity identity, String to);

    List<Consent> consents(String customerId);

    /** Records a decision unless a newer one exists (the latest decision wins). */
    void decide(String customerId, Consent consent);

    /** A pending one-time code for a new email or phone. */
    record Challenge(String customerId, Identity.Kind kind, String value, String codeHash, int attempts,
                     Instant expiresAt) {
    }

    /**
     * Stores the challenge and the message that carries the code, together, if fewer than {@code maxPerHour} codes
     * went to this customer and to this address in the challenge's hour; false (nothing stored) otherwise.
     */
    boolean challenge(Challenge challenge, OutboxMessage message, int maxPerHour);

    /** A try at a pending one-time code, counted before the code is compared (never compared, then counted). */
    sealed interface CodeTry {
        /** The try is counted: compare the code typed with this challenge's. */
        record Counted(Challenge challenge) implements CodeTry {
        }

        /** Every try of this code was used: compare nothing. */
        record Exhausted() implements CodeTry {
        }

        record NonePending() implements CodeTry {
        }
    }

    /** Counts one more try at the pending code if fewer than {@code limit} were counted, in one conditional write. */
    CodeTry countCodeTry(String customerId, Identity.Kind kind, String value, int limit);

    void clearChallenge(Challenge challenge);

    /** Records that staff looked the customer up; false (nothing recorded) if the customer was erased meanwhile. */
    boolean recordAccess(String customerId, String storeId, String staffId, Instant at);

    List<Map<String, Object>> accesses(String customerId);

    /** Marks {@code merged} as the same person as {@code survivor}, with who, when and why; false if already done. */
    boolean markMerged(String merged, String survivor, String by, String why, Instant at);

    /**
     * Marks the customer id erased, first of all: from then on no write under it commits anywhere (the other
     * capabilities' transactions check the same mark). Keeps no personal data; idempotent.
     */
    void markErased(String customerId, Instant at);

    /** Deletes every item of the customer in the customer store: profile, identities, consents, codes, access log. */
    void erase(String customerId);
}
