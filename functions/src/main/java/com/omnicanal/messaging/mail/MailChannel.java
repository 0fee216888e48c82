package com.omnicanal.messaging.mail;

import com.omnicanal.messaging.Channel;
import com.omnicanal.messaging.Envelope;
import com.omnicanal.messaging.SendOutcome;
import com.omnicanal.outbox.ChannelKind;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import javax.net.ssl.SSLSocketFactory;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

/**
 * Email over SMTP with STARTTLS required and auth (Amazon SES's SMTP interface in production): text and HTML
 * alternatives. Plain SMTP is refused except to a stand-in on loopback (the local stack's).
 */
public final class MailChannel implements Channel {

    /** Where to send from and how to reach the SMTP server. */
    /** {@code configurationSet}: the SES configuration set that reports bounces and complaints (null: none). */
    public record SmtpSettings(String host, int port, String user, String password, boolean startTls,
                               String from, String fromName, String unsubscribeBaseUrl, String configurationSet) {
        public SmtpSettings(String host, int port, String user, String password, boolean startTls, String from,
                            String fromName, String unsubscribeBaseUrl) {
            this(host, port, user, password, startTls, from, fromName, unsubscribeBaseUrl, null);
        }
    }

    private final SmtpSettings settings;
    private final Properties properties;
    // the mail session and Jakarta Mail's classes come with the first e-mail: a dispatcher's cold start sends SMS too
    private volatile Smtp smtp;

    public MailChannel(SmtpSettings settings) {
        this(settings, null);
    }

    /**
     * @param tls trusts the server's certificate; null for the JDK's trust store (production). The host name is checked
     *            against the certificate either way.
     */
    public MailChannel(SmtpSettings settings, SSLSocketFactory tls) {
        // without STARTTLS the password and the customers' addresses would cross the network in clear
        if (!settings.startTls() && !isLoopback(settings.host())) {
            throw new IllegalArgumentException("SMTP without STARTTLS is only for a local stand-in on this machine, not "
                    + settings.host());
        }
        this.settings = settings;
        var props = new Properties();
        props.put("mail.transport.protocol", "smtp");
        props.put("mail.smtp.host", settings.host());
        props.put("mail.smtp.port", Integer.toString(settings.port()));
        props.put("mail.smtp.connectiontimeout", "5000");
        props.put("mail.smtp.timeout", "10000");
        props.put("mail.smtp.writetimeout", "10000");
        boolean auth = settings.user() != null && !settings.user().isBlank();
        props.put("mail.smtp.auth", Boolean.toString(auth));
        props.put("mail.smtp.starttls.enable", Boolean.toString(settings.startTls()));
        props.put("mail.smtp.starttls.required", Boolean.toString(settings.startTls()));
        props.put("mail.smtp.ssl.checkserveridentity", "true");
        if (tls != null) props.put("mail.smtp.ssl.socketFactory", tls);
        this.properties = props;
    }

    @Override
    public ChannelKind kind() {
        return ChannelKind.EMAIL;
    }

    @Override
    public SendOutcome send(Envelope envelope) {
        var sender = smtp;
        if (sender == null) {
            synchronized (this) {
                if (smtp == null) smtp = new Smtp(properties, settings);
                sender = smtp;
            }
        }
        return sender.send(envelope);
    }

    private static boolean isLoopback(String host) {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Jakarta Mail's side: the session and the sending, loaded on the first e-mail. */
    private static final class Smtp {
        private final Session session;
        private final SmtpSettings settings;

        Smtp(Properties properties, SmtpSettings settings) {
            this.session = Session.getInstance(properties);
            this.settings = settings;
        }

        SendOutcome send(Envelope envelope) {
            try {
                var message = new MimeMessage(session);
                message.setFrom(new InternetAddress(settings.from(), settings.fromName(), "UTF-8"));
                message.setRecipient(Message.RecipientType.TO, new InternetAddress(envelope.to(), true));
                message.setSubject(envelope.subject(), "UTF-8");
                var text = new MimeBodyPart();
                text.setText(envelope.text(), StandardCharsets.UTF_8.name(), "plain");
                var html = new MimeBodyPart();
                html.setText(envelope.html() == null ? envelope.text() : envelope.html(), StandardCharsets.UTF_8.name(), "html");
                var alternatives = new MimeMultipart("alternative");
                alternatives.addBodyPart(text);
                alternatives.addBodyPart(html);
                if (envelope.calendar() == null || envelope.calendar().isBlank()) {
                    message.setContent(alternatives);
                } else {
                    message.setContent(withInvitation(alternatives, envelope.calendar()));
                }
                message.setHeader("X-Omnicanal-Message-Id", envelope.messageId());
                // SES applies the configuration set named here, which publishes bounces and complaints to mailFeedback
                if (settings.configurationSet() != null) message.setHeader("X-SES-CONFIGURATION-SET", settings.configurationSet());
                if (envelope.marketing()) {
                    // RFC 8058 one-click unsubscribe, required by the big mailbox providers for bulk mail
                    message.setHeader("List-Unsubscribe", "<" + settings.unsubscribeBaseUrl() + "?m=" + envelope.messageId() + ">");
                    message.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
                }
                message.saveChanges();
                Transport.send(message, settings.user(), settings.password());
                return new SendOutcome.Sent(message.getMessageID());
            } catch (AddressException e) {
                return new SendOutcome.Permanent("invalid-address", e.getMessage());
            } catch (MailConnectException e) {
                return new SendOutcome.Transient("smtp-unreachable", e.getMessage());
            } catch (SendFailedException e) {
                return classify(e);
            } catch (MessagingException | java.io.UnsupportedEncodingException e) {
                var cause = e.getCause();
                if (cause instanceof java.io.IOException) return new SendOutcome.Transient("smtp-io", e.getMessage());
                return new SendOutcome.Transient("smtp", e.getMessage());
            }
        }

        /**
         * The text and HTML, then the invitation as an attached invite.ics (text/calendar with its METHOD, which is how
         * Gmail, Outlook and Apple Mail offer to add, update or remove the event).
         */
        private static MimeMultipart withInvitation(MimeMultipart alternatives, String calendar) throws MessagingException {
            var body = new MimeBodyPart();
            body.setContent(alternatives);
            var method = calendar.contains("METHOD:CANCEL") ? "CANCEL" : "REQUEST";
            var invitation = new MimeBodyPart();
            invitation.setContent(calendar, "text/calendar; charset=UTF-8; method=" + method);
            invitation.setFileName("invite.ics");
            var mixed = new MimeMultipart("mixed");
            mixed.addBodyPart(body);
            mixed.addBodyPart(invitation);
            return mixed;
        }

        /** SMTP 5xx on the recipient is a hard bounce; 4xx is "try later". */
        private static SendOutcome classify(SendFailedException e) {
            int code = -1;
            for (Exception next = e; next != null; ) {
                if (next instanceof SMTPAddressFailedException a) code = a.getReturnCode();
                else if (next instanceof SMTPSendFailedException s && code < 0) code = s.getReturnCode();
                next = next instanceof MessagingException m ? m.getNextException() : null;
            }
            if (code >= 500) return new SendOutcome.Permanent("smtp-" + code, e.getMessage());
            return new SendOutcome.Transient(code > 0 ? "smtp-" + code : "smtp", e.getMessage());
        }
    }
}
