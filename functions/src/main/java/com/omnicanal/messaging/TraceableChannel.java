package com.omnicanal.messaging;

import java.time.Instant;
import java.util.Optional;

/**
 * Port: a channel whose provider can be asked whether it took a message, for sends whose outcome is unknown (a
 * timeout after the request went out, a dispatcher that died while handing over): asked before sending again, so that
 * an accepted message is recorded as sent rather than sent twice.
 */
public interface TraceableChannel extends Channel {
    /** The provider's id of the message it took for this envelope at or after {@code since}, if it took one. */
    Optional<String> findSent(Envelope envelope, Instant since);

    /** The provider could not be asked: sending again now could send twice, so the message waits for a later try. */
    final class LookupFailed extends RuntimeException {
        public LookupFailed(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
