package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No secret in the repository or template.yaml: every tracked text file is scanned for things that look like live
 * credentials. Test doubles use values a reader sees are fake (AC000..., AC111..., "test-auth-token").
 */
class NoSecretsInTheRepositoryTest {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Map<String, Pattern> LOOKS_SECRET = Map.of(
            "AWS access key id", Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"),
            "AWS secret access key", Pattern.compile("(?i)aws_?secret_?access_?key\\s*[:=]\\s*['\"]?[A-Za-z0-9/+]{40}"),
            "private key", Pattern.compile("-----BEGIN (RSA |EC |OPENSSH |DSA )?PRIVATE KEY-----"),
            "Twilio account SID", Pattern.compile("\\bAC[0-9a-f]{32}\\b"),
            "Twilio API key SID", Pattern.compile("\\bSK[0-9a-f]{32}\\b"),
            "Slack or GitHub token", Pattern.compile("\\b(xox[baprs]-[0-9A-Za-z-]{10,}|gh[pousr]_[0-9A-Za-z]{36})\\b"),
            "password or token assigned a literal", Pattern.compile(
                    "(?i)\\b(password|passwd|auth_?token|secret|api_?key)\\b\\s*[:=]\\s*['\"][^'\"\\s${}]{12,}['\"]"));
    /** A value made of one repeated character, or marked as a test value, is a placeholder. */
    private static final Pattern PLACEHOLDER = Pattern.compile("(?i)(AC|SK)?(.)\\2{15,}|test|fake|local|example|dummy|changeme");

    @Test
    void noTrackedFileHoldsSomethingThatLooksLikeALiveCredential() throws IOException {
        var findings = new ArrayList<String>();
        int scanned = 0;
        for (var file : trackedFiles()) {
            String text;
            try {
                text = Files.readString(file, StandardCharsets.UTF_8);
            } catch (MalformedInputException binary) {
                continue;
            }
            scanned++;
            for (var rule : LOOKS_SECRET.entrySet()) {
                var m = rule.getValue().matcher(text);
                while (m.find()) {
                    if (PLACEHOLDER.matcher(m.group()).find()) continue;
                    findings.add(ROOT.relativize(file) + ": " + rule.getKey() + " (" + m.group().substring(0, Math.min(12, m.group().length())) + "...)");
                }
            }
        }
        assertThat(scanned).as("files scanned").isGreaterThan(100);
        assertThat(findings).as("secret-looking strings in the repository").isEmpty();
    }

    @Test
    void templateKeepsSecretsInSecretsManagerOnly() throws IOException {
        var template = Files.readString(ROOT.resolve("template.yaml"));
        // secrets are generated placeholders in Secrets Manager, read at run time by ARN; never a parameter default
        assertThat(template).contains("GenerateSecretString");
        var parameterDefaults = Pattern.compile("(?im)^\\s{2}\\w*(Token|Password|Secret)\\w*:\\s*\\n(\\s{4}.*\\n)*?\\s{4}Default:");
        assertThat(parameterDefaults.matcher(template).find()).as("a secret-named parameter with a Default").isFalse();
        assertThat(template).doesNotContainPattern("(?i)TWILIO_AUTH_TOKEN:\\s").doesNotContainPattern("(?i)SMTP_PASSWORD:\\s");
    }

    private static List<Path> trackedFiles() throws IOException {
        try (Stream<Path> walk = Files.walk(ROOT)) {
            return walk.filter(Files::isRegularFile)
                    .filter(p -> {
                        var rel = ROOT.relativize(p).toString().replace('\\', '/');
                        return !rel.startsWith(".git/") && !rel.contains("/target/") && !rel.startsWith("target/")
                                && !rel.startsWith(".schemathesis/") && !rel.startsWith(".aws-sam/") && !rel.startsWith("data/")
                                && !rel.contains(".jqwik-database") && !rel.endsWith(".jar");
                    })
                    .toList();
        }
    }
}
