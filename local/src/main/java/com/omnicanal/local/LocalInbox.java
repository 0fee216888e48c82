package com.omnicanal.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Everything the local stack "sent": SMS and WhatsApp messages caught by the Twilio stand-in, emails caught by an SMTP
 * sink (GreenMail on loopback). Nothing leaves the machine.
 */
public final class LocalInbox implements AutoCloseable {
    /** One message as the customer would see it; an email's attached calendar invitation (.ics text), if any. */
    public record Item(String channel, String to, String from, String subject, String text, String html, String id,
                       String status, Instant at, String calendar) {
        public Item(String channel, String to, String from, String subject, String text, String html, String id,
                    String status, Instant at) {
            this(channel, to, from, subject, text, html, id, status, at, null);
        }
    }

    private final GreenMail smtp;
    private final List<Item> phone = new CopyOnWriteArrayList<>();

    public LocalInbox() {
        this.smtp = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    public int smtpPort() {
        return smtp.getSmtp().getPort();
    }

    void addPhoneMessage(Item item) {
        phone.add(item);
    }

    void updateStatus(String sid, String status) {
        phone.replaceAll(i -> i.id().equals(sid) ? new Item(i.channel(), i.to(), i.from(), i.subject(), i.text(),
                i.html(), i.id(), status, i.at()) : i);
    }

    /** Newest first. */
    public List<Item> items() {
        var all = new ArrayList<>(phone);
        for (MimeMessage mail : smtp.getReceivedMessages()) {
            try {
                var parts = new String[3];
                collect(mail, parts);
                var sent = mail.getSentDate() == null ? Instant.now() : mail.getSentDate().toInstant();
                all.add(new Item("EMAIL", String.valueOf(mail.getAllRecipients()[0]), String.valueOf(mail.getFrom()[0]),
                        mail.getSubject(), parts[0], parts[1], mail.getMessageID(), "delivered", sent, parts[2]));
            } catch (Exception e) {
                throw new IllegalStateException("unreadable email in the local inbox", e);
            }
        }
        all.sort(Comparator.comparing(Item::at).reversed());
        return all;
    }

    private static void collect(Part part, String[] textAndHtml) throws Exception {
        if (part.isMimeType("text/plain") && textAndHtml[0] == null) textAndHtml[0] = (String) part.getContent();
        else if (part.isMimeType("text/html") && textAndHtml[1] == null) textAndHtml[1] = (String) part.getContent();
        else if (part.isMimeType("text/calendar") && textAndHtml[2] == null) textAndHtml[2] = text(part);
        else if (part.isMimeType("multipart/*")) {
            var multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) collect(multipart.getBodyPart(i), textAndHtml);
        }
    }

    /** A text/calendar part may come back as a stream (no data handler for it): read it as UTF-8. */
    private static String text(Part part) throws Exception {
        var content = part.getContent();
        if (content instanceof String s) return s;
        try (var in = part.getInputStream()) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    static int freePort() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        smtp.stop();
    }
}
