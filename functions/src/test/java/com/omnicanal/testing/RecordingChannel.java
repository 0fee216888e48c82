package com.omnicanal.testing;

import com.omnicanal.messaging.Channel;
import com.omnicanal.messaging.Envelope;
import com.omnicanal.messaging.SendOutcome;
import com.omnicanal.outbox.ChannelKind;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/** A channel that accepts everything and keeps what it was handed, with when (System.nanoTime) it was handed over. */
public final class RecordingChannel implements Channel {
    public record Sent(Envelope envelope, long atNanos) {
    }

    private final ChannelKind kind;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();

    public RecordingChannel(ChannelKind kind) {
        this.kind = kind;
    }

    @Override
    public ChannelKind kind() {
        return kind;
    }

    @Override
    public SendOutcome send(Envelope envelope) {
        sent.add(new Sent(envelope, System.nanoTime()));
        return new SendOutcome.Sent(kind + "-" + ids.incrementAndGet());
    }

    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** What went to this address (an E.164 number or an email). */
    public List<Sent> to(String address) {
        return sent.stream().filter(s -> address.equals(s.envelope().to())).toList();
    }
}
