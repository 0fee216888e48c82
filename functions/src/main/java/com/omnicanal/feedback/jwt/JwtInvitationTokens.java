package com.omnicanal.feedback.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.omnicanal.feedback.InvitationTokens;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;

/**
 * Feedback links as compact JWTs (HS256, nimbus-jose-jwt): the invitation id, an expiry and an audience, signed with
 * a secret only the backend knows. Single use is the invitation's business (answered once), not the token's.
 */
public final class JwtInvitationTokens implements InvitationTokens {
    private static final String AUDIENCE = "omnicanal-feedback";

    private final MACSigner signer;
    private final MACVerifier verifier;

    public JwtInvitationTokens(String secret) {
        var key = secret.getBytes(StandardCharsets.UTF_8);
        if (key.length < 32) throw new IllegalArgumentException("the feedback token secret needs at least 32 bytes");
        try {
            this.signer = new MACSigner(key);
            this.verifier = new MACVerifier(key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public String issue(String invitationId, Instant expiresAt) {
        var claims = new JWTClaimsSet.Builder().subject(invitationId).audience(AUDIENCE)
                .expirationTime(Date.from(expiresAt)).build();
        var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    @Override
    public Optional<Link> read(String token) {
        try {
            var jwt = SignedJWT.parse(token);
            // only our algorithm: a token saying "none" or another one is forged, whatever it carries
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(verifier)) return Optional.empty();
            var claims = jwt.getJWTClaimsSet();
            if (claims.getSubject() == null || claims.getExpirationTime() == null
                    || !claims.getAudience().contains(AUDIENCE)) {
                return Optional.empty();
            }
            return Optional.of(new Link(claims.getSubject(), claims.getExpirationTime().toInstant()));
        } catch (ParseException | JOSEException | IllegalStateException e) {
            return Optional.empty();
        }
    }
}
