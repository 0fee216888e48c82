package com.omnicanal.testing;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import org.subethamail.smtp.auth.EasyAuthenticationHandlerFactory;
import org.subethamail.smtp.auth.LoginFailedException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.wiser.Wiser;

/**
 * An SMTP server on loopback that requires STARTTLS before anything else, as Amazon SES's SMTP interface does
 * (SubEthaSMTP's Wiser: GreenMail 2.1 offers SMTPS but no STARTTLS). Its certificate is made for this run by the
 * JDK's keytool, so no key is kept in the repository; {@link #clientTrust()} trusts that certificate and nothing else.
 */
public final class TlsSmtpServer implements AutoCloseable {
    /** The only credentials the server takes when it requires them. */
    public static final String USER = "smtp-test-user";
    public static final String PASSWORD = "test-smtp-password";
    /** The names the default certificate is made for: what a client connecting to 127.0.0.1 checks. */
    public static final String LOOPBACK_NAMES = "ip:127.0.0.1,dns:localhost";
    private static final char[] STORE_PASS = "test-store-pass".toCharArray();
    private static final Map<String, Identity> IDENTITIES = new ConcurrentHashMap<>();

    /** A server's certificate and key, and a client-side socket factory that trusts that certificate only. */
    public record Identity(SSLContext server, SSLSocketFactory clientTrust) {
    }

    private final Wiser wiser;
    private final Identity identity;
    private final List<String> logins = new CopyOnWriteArrayList<>();

    private TlsSmtpServer(int port, Identity identity, boolean requireAuth) {
        this.identity = identity;
        var server = SMTPServer.port(port).bindAddress(InetAddress.getLoopbackAddress()).hostName("localhost");
        if (identity != null) server.requireTLS().startTlsSocketFactory(identity.server());
        if (requireAuth) {
            server.requireAuth().authenticationHandlerFactory(new EasyAuthenticationHandlerFactory((user, password, context) -> {
                if (!USER.equals(user) || !PASSWORD.equals(password)) throw new LoginFailedException();
                logins.add(user);
            }));
        }
        this.wiser = Wiser.create(server);
        wiser.start();
    }

    /** STARTTLS required, a certificate for 127.0.0.1 and localhost, no authentication. */
    public static TlsSmtpServer start(int port) {
        return new TlsSmtpServer(port, identity(LOOPBACK_NAMES), false);
    }

    /** STARTTLS required with a certificate for {@code names} (keytool's SAN syntax), authentication if asked. */
    public static TlsSmtpServer start(int port, String names, boolean requireAuth) {
        return new TlsSmtpServer(port, identity(names), requireAuth);
    }

    /** A server that does not offer STARTTLS at all, as an old relay, or a man in the middle that strips it. */
    public static TlsSmtpServer withoutTls(int port) {
        return new TlsSmtpServer(port, null, false);
    }

    public int port() {
        return wiser.getServer().getPortAllocated();
    }

    /** Trusts this server's certificate (a self-signed one made for the run) and no other. */
    public SSLSocketFactory clientTrust() {
        return identity == null ? null : identity.clientTrust();
    }

    /** The users that logged in, after STARTTLS (the server takes no AUTH before it). */
    public List<String> logins() {
        return List.copyOf(logins);
    }

    /** Every message received, once per recipient. */
    public MimeMessage[] getReceivedMessages() {
        return wiser.getMessages().stream().map(m -> {
            try {
                return m.getMimeMessage();
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toArray(MimeMessage[]::new);
    }

    public void stop() {
        wiser.stop();
    }

    @Override
    public void close() {
        stop();
    }

    /** One key pair and certificate per set of names per run, made by keytool (the JDK has no API for it). */
    public static Identity identity(String names) {
        return IDENTITIES.computeIfAbsent(names, TlsSmtpServer::newIdentity);
    }

    private static Identity newIdentity(String names) {
        try {
            var dir = Files.createTempDirectory("smtp-tls");
            var store = dir.resolve("server.p12");
            var keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            var process = new ProcessBuilder(keytool, "-genkeypair", "-alias", "smtp", "-keyalg", "EC", "-groupname",
                    "secp256r1", "-dname", "CN=omnicanal test SMTP", "-ext", "SAN=" + names, "-validity", "30",
                    "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass", new String(STORE_PASS),
                    "-keypass", new String(STORE_PASS)).redirectErrorStream(true).start();
            var output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            var keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keys.load(in, STORE_PASS);
            }
            var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyManagers.init(keys, STORE_PASS);
            var server = SSLContext.getInstance("TLS");
            server.init(keyManagers.getKeyManagers(), null, null);

            var trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("smtp", keys.getCertificate("smtp"));
            var trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustManagers.init(trusted);
            var client = SSLContext.getInstance("TLS");
            client.init(null, trustManagers.getTrustManagers(), null);
            Files.delete(store);
            Files.delete(dir);
            return new Identity(server, client.getSocketFactory());
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
