package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The local gateway serves the web folder's files under /app/ and nothing outside it, however the path is spelt. */
@Tag("fast")
class WebAppFilesTest {
    @TempDir
    Path dir;
    WebAppFiles files;

    @BeforeEach
    void folder() throws Exception {
        Files.createDirectories(dir.resolve("web/views"));
        Files.writeString(dir.resolve("web/index.html"), "<!doctype html>");
        Files.writeString(dir.resolve("web/views/shop.js"), "export {}");
        Files.writeString(dir.resolve("web/views/notes.secret"), "no type: not served");
        Files.writeString(dir.resolve("secret.txt"), "outside the web folder");
        Files.createSymbolicLink(dir.resolve("web/link.txt"), dir.resolve("secret.txt"));
        files = new WebAppFiles(dir.resolve("web"));
    }

    @Test
    void servesAFileWithItsTypeAndTheIndexForTheFolder() throws Exception {
        var index = files.find("/app/").orElseThrow();
        assertThat(new String(index.bytes(), StandardCharsets.UTF_8)).isEqualTo("<!doctype html>");
        assertThat(index.contentType()).startsWith("text/html");
        assertThat(files.find("/app/views/shop.js").orElseThrow().contentType()).startsWith("text/javascript");
        assertThat(files.find("/app/views/%73hop.js")).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/app/../secret.txt", "/app/%2e%2e/secret.txt", "/app/views/..%2f..%2fsecret.txt",
            "/app/views/../../secret.txt", "/app/..%5csecret.txt", "/app/%2fetc/passwd", "/app//etc/passwd",
            "/app/./index.html", "/app/link.txt", "/app/index.html%00.js", "/app/%zz", "/app/views/notes.secret",
            "/app/missing.js", "/appendix"})
    void nothingOutsideTheFolderNorUnknown(String path) throws Exception {
        assertThat(files.find(path)).isEmpty();
    }
}
