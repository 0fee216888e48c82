package com.omnicanal.routing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Places a French address that came without coordinates at the centre of its département, read from the postcode
 * (routing/departements.csv: IGN's centres of the 96 metropolitan départements). Good to tens of kilometres: enough to
 * tell a Lyon customer from a Lille one; a storefront that knows the address's coordinates sends them instead.
 */
public final class Departements {
    private static final String RESOURCE = "routing/departements.csv";
    private static final Departements SHIPPED = load();

    private final Map<String, GeoPoint> centres;

    private Departements(Map<String, GeoPoint> centres) {
        this.centres = Map.copyOf(centres);
    }

    public static Departements shipped() {
        return SHIPPED;
    }

    /** The centre of the postcode's département, or empty for a postcode that is not a metropolitan French one. */
    public Optional<GeoPoint> centreOf(String postcode) {
        return departementOf(postcode).map(centres::get);
    }

    public int size() {
        return centres.size();
    }

    /** The département of a 5-digit postcode: its first two digits, Corsica's 200xx-201xx are 2A and 202xx-206xx 2B. */
    static Optional<String> departementOf(String postcode) {
        if (postcode == null) return Optional.empty();
        var code = postcode.strip();
        if (!code.matches("\\d{5}")) return Optional.empty();
        if (code.startsWith("20")) return Optional.of(code.charAt(2) <= '1' ? "2A" : "2B");
        return Optional.of(code.substring(0, 2));
    }

    private static Departements load() {
        var centres = new HashMap<String, GeoPoint>();
        try (var in = Departements.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) continue;
                var cells = line.split(",", 4);
                centres.put(cells[0], new GeoPoint(Double.parseDouble(cells[1]), Double.parseDouble(cells[2])));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Departements(centres);
    }
}
