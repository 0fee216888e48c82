package com.omnicanal.messaging.twilio;

import com.omnicanal.messaging.SendOutcome;

/** Opens TwilioChannel's error classification to the messaging tests. */
public final class TwilioChannelAccess {
    private TwilioChannelAccess() {
    }

    public static SendOutcome classify(Integer code, Integer status) {
        return TwilioChannel.classify(code, status, "test");
    }
}
