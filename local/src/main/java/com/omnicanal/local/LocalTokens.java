package com.omnicanal.local;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local stand-in for Cognito and API Gateway's JWT authorizer: signs tokens with a key made at start, and verifies
 * signature, issuer, audience and expiry as the authorizer would. Nimbus JOSE+JWT: maintained, and what Spring
 * Security itself builds on.
 */
public final class LocalTokens {
    public static final String AUDIENCE = "omnicanal-local";
    private static final Duration LIFETIME = Duration.ofHours(12);

    private final byte[] secret = new byte[32];
    private final String issuer;
    private final Clock clock;

    public LocalTokens(String issuer, Clock clock) {
        new SecureRandom().nextBytes(secret);
        this.issuer = issuer;
        this.clock = clock;
    }

    public String issue(String sub, String role, String storeId) {
        var now = clock.instant();
        var claims = new JWTClaimsSet.Builder().subject(sub).issuer(issuer).audience(AUDIENCE)
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plus(LIFETIME)))
                .claim("role", role);
        if (storeId != null) claims.claim("storeId", storeId);
        try {
            var jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The claims as API Gateway passes them to a function (every value a string), or empty if the token is not good. */
    public Optional<Map<String, String>> verify(String token) {
        try {
            var jwt = SignedJWT.parse(token);
            if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm()) || !jwt.verify(new MACVerifier(secret))) {
                return Optional.empty();
            }
            var claims = jwt.getJWTClaimsSet();
            var now = Date.from(clock.instant());
            if (!issuer.equals(claims.getIssuer()) || !claims.getAudience().contains(AUDIENCE)
                    || claims.getExpirationTime() == null || !claims.getExpirationTime().after(now)) {
                return Optional.empty();
            }
            var flat = new LinkedHashMap<String, String>();
            claims.getClaims().forEach((k, v) -> flat.put(k, stringify(v)));
            return Optional.of(flat);
        } catch (ParseException | JOSEException e) {
            return Optional.empty();
        }
    }

    private static String stringify(Object value) {
        if (value instanceof Date d) return Long.toString(d.toInstant().getEpochSecond());
        if (value instanceof List<?> list) return list.size() == 1 ? String.valueOf(list.get(0)) : list.toString();
        return String.valueOf(value);
    }
}
