package com.omnicanal.messaging.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.omnicanal.outbox.ChannelKind;
import com.omnicanal.messaging.Envelope;
import com.omnicanal.messaging.SendOutcome;
import com.omnicanal.testing.TlsSmtpServer;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.Test;

/**
 * Mail goes out only inside TLS: STARTTLS required (as toward Amazon SES), the server's certificate trusted and made for
 * the host we dialled, the password sent after STARTTLS; plain SMTP only to a stand-in on this machine.
 */
class MailChannelTlsTest {
    private static final Envelope ENVELOPE = new Envelope("msg-tls-1", ChannelKind.EMAIL, "camille.martin@example.fr",
            "Votre réservation", "Bonjour Camille", "<p>Bonjour Camille</p>", false);

    private static MailChannel channel(String host, int port, boolean startTls, String user, String password,
                                       SSLSocketFactory trust) {
        return new MailChannel(new MailChannel.SmtpSettings(host, port, user, password, startTls,
                "bonjour@omnicanal.example", "Omnicanal", "https://api.omnicanal.example/unsubscribe"), trust);
    }

    @Test
    void sendsThroughStartTlsAndLogsInOnlyInsideIt() throws Exception {
        try (var smtp = TlsSmtpServer.start(0, TlsSmtpServer.LOOPBACK_NAMES, true)) {
            var outcome = channel("127.0.0.1", smtp.port(), true, TlsSmtpServer.USER, TlsSmtpServer.PASSWORD,
                    smtp.clientTrust()).send(ENVELOPE);

            assertThat(outcome).isInstanceOf(SendOutcome.Sent.class);
            // the server answers MAIL and AUTH with 530 until STARTTLS: a message and a login prove both went inside it
            assertThat(smtp.getReceivedMessages()).hasSize(1);
            assertThat(smtp.getReceivedMessages()[0].getSubject()).isEqualTo("Votre réservation");
            assertThat(smtp.logins()).containsExactly(TlsSmtpServer.USER);
        }
    }

    @Test
    void mailNamesTheSesConfigurationSetThatReportsItsBouncesAndComplaints() throws Exception {
        try (var smtp = TlsSmtpServer.start(0, TlsSmtpServer.LOOPBACK_NAMES, true)) {
            var settings = new MailChannel.SmtpSettings("127.0.0.1", smtp.port(), TlsSmtpServer.USER, TlsSmtpServer.PASSWORD,
                    true, "bonjour@omnicanal.example", "Omnicanal", "https://api.omnicanal.example/unsubscribe", "omnicanal-mail");
            assertThat(new MailChannel(settings, smtp.clientTrust()).send(ENVELOPE)).isInstanceOf(SendOutcome.Sent.class);
            assertThat(smtp.getReceivedMessages()[0].getHeader("X-SES-CONFIGURATION-SET")).containsExactly("omnicanal-mail");
        }
    }

    @Test
    void aServerThatDoesNotOfferStartTlsGetsNothing() {
        try (var smtp = TlsSmtpServer.withoutTls(0)) {
            var outcome = channel("127.0.0.1", smtp.port(), true, TlsSmtpServer.USER, TlsSmtpServer.PASSWORD,
                    TlsSmtpServer.identity(TlsSmtpServer.LOOPBACK_NAMES).clientTrust()).send(ENVELOPE);

            assertThat(outcome).isInstanceOf(SendOutcome.Transient.class);
            assertThat(((SendOutcome.Transient) outcome).reason()).contains("STARTTLS");
            assertThat(smtp.getReceivedMessages()).isEmpty();
            assertThat(smtp.logins()).isEmpty();
        }
    }

    @Test
    void aCertificateNoAuthorityVouchesForGetsNothing() {
        try (var smtp = TlsSmtpServer.start(0)) {
            // production's trust: the JDK's certificate authorities, none of which signed this self-made certificate
            var outcome = channel("127.0.0.1", smtp.port(), true, null, null, null).send(ENVELOPE);

            assertThat(outcome).isNotInstanceOf(SendOutcome.Sent.class);
            assertThat(smtp.getReceivedMessages()).isEmpty();
        }
    }

    @Test
    void aTrustedCertificateMadeForAnotherHostGetsNothing() {
        // a certificate that is genuine, but for another name: what a man in the middle with any valid certificate has
        try (var smtp = TlsSmtpServer.start(0, "dns:smtp.elsewhere.example", false)) {
            var outcome = channel("127.0.0.1", smtp.port(), true, null, null, smtp.clientTrust()).send(ENVELOPE);

            assertThat(outcome).isNotInstanceOf(SendOutcome.Sent.class);
            assertThat(smtp.getReceivedMessages()).isEmpty();
        }
    }

    @Test
    void plainSmtpIsOnlyForAStandInOnThisMachine() {
        assertThatThrownBy(() -> channel("email-smtp.eu-west-3.amazonaws.com", 587, false, "user", null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("STARTTLS");
        assertThatThrownBy(() -> channel("192.0.2.25", 25, false, null, null, null))
                .isInstanceOf(IllegalArgumentException.class);
        // the local stack's SMTP sink, and the production settings
        assertThatCode(() -> channel("127.0.0.1", 2525, false, null, null, null)).doesNotThrowAnyException();
        assertThatCode(() -> channel("localhost", 2525, false, null, null, null)).doesNotThrowAnyException();
        assertThatCode(() -> channel("email-smtp.eu-west-3.amazonaws.com", 587, true, "user", "pw", null))
                .doesNotThrowAnyException();
    }
}
