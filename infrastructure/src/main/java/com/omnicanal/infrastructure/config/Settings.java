package com.omnicanal.infrastructure.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Configuration read from environment variables (set by template.yaml), with system properties as local overrides. */
public final class Settings {
    private final Map<String, String> env;

    public Settings(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static Settings fromEnvironment() {
        var merged = new java.util.HashMap<>(System.getenv());
        System.getProperties().forEach((k, v) -> {
            if (k.toString().toUpperCase().equals(k.toString())) merged.put(k.toString(), v.toString());
        });
        return new Settings(merged);
    }

    /** These settings with some values replaced (the local stack wires its own emulators in). */
    public Settings with(Map<String, String> overrides) {
        var merged = new java.util.HashMap<>(env);
        merged.putAll(overrides);
        return new Settings(merged);
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
    }

    public String get(String name, String fallback) {
        return get(name).orElse(fallback);
    }

    public int getInt(String name, int fallback) {
        return get(name).map(v -> {
            try {
                return Integer.parseInt(v.trim());
            } catch (NumberFormatException e) {
                throw new IllegalStateException(name + " must be an integer, was '" + v + "'");
            }
        }).orElse(fallback);
    }

    public Duration getDuration(String name, Duration fallback) {
        return get(name).map(v -> {
            try {
                return Duration.parse(v.trim());
            } catch (RuntimeException e) {
                throw new IllegalStateException(name + " must be an ISO-8601 duration such as PT48H, was '" + v + "'");
            }
        }).orElse(fallback);
    }
}
