package com.omnicanal.messaging;

import com.omnicanal.outbox.ChannelKind;
import java.util.Map;

/** Port: renders a message kind in a language for a channel. */
public interface Templates {
    /** @throws MissingData when the data lacks what the template says, or would print a blank */
    Rendered render(String kind, String language, ChannelKind channel, Map<String, String> data);

    /** The producer wrote less than its template needs: a defect to fix, never a message to send with a hole in it. */
    final class MissingData extends RuntimeException {
        public MissingData(String message) {
            super(message);
        }
    }
}
