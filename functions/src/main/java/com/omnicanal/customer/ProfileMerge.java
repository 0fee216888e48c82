package com.omnicanal.customer;

import com.omnicanal.shared.DomainException;

/** Staff state that the walk-in {@code mergedId} is the same person as {@code survivorId}, and why. */
public record ProfileMerge(String survivorId, String mergedId, String reason) {
    public ProfileMerge {
        // the contract bounds each field; that the two differ, and a reason of more than spaces, it cannot say
        if (reason == null || reason.isBlank()) throw new DomainException.InvalidInput("reason", "is required, at most 500 characters");
        if (survivorId.equals(mergedId)) throw new DomainException.InvalidInput("mergedId", "must differ from survivorId");
        reason = reason.strip();
    }
}
