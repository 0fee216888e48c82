package com.omnicanal.appointment.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.omnicanal.appointment.ManageLinks;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * An appointment's link as a compact JWT (HS256, nimbus-jose-jwt) with its own audience, so a feedback link never
 * opens an appointment nor the reverse; the cut-off is the appointment's business, checked on the appointment itself.
 */
public final class JwtManageLinks implements ManageLinks {
    private static final String AUDIENCE = "omnicanal-appointment";

    private final MACSigner signer;
    private final MACVerifier verifier;

    public JwtManageLinks(String secret) {
        try {
            var key = secret.getBytes(StandardCharsets.UTF_8);
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException tooShort) {
            throw new IllegalArgumentException("the appointment link secret needs at least 32 bytes", tooShort);
        }
    }

    @Override
    public String issue(String appointmentId, Instant expiresAt) {
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), new JWTClaimsSet.Builder().subject(appointmentId)
                .audience(AUDIENCE).expirationTime(Date.from(expiresAt)).build());
        try {
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Optional<Link> read(String token) {
        try {
            var jwt = SignedJWT.parse(token);
            // HS256 only: "none" or another algorithm is a forgery, whatever it says
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) return Optional.empty();
            var claims = jwt.getJWTClaimsSet();
            if (claims.getSubject() == null || claims.getExpirationTime() == null || !claims.getAudience().contains(AUDIENCE)) {
                return Optional.empty();
            }
            return Optional.of(new Link(claims.getSubject(), claims.getExpirationTime().toInstant()));
        } catch (ParseException | JOSEException | IllegalStateException forged) {
            return Optional.empty();
        }
    }
}
