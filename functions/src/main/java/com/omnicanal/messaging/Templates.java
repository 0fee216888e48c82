package com.omnicanal.messaging;

import java.util.Map;

/** Port: renders a message kind in a language for a channel. */
public interface Templates {
    Rendered render(String kind, String language, ChannelKind channel, Map<String, String> data);
}
