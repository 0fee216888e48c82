package com.omnicanal.local;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The web app's static files (the repository's {@code web/} folder) as the local gateway serves them under /app/, as
 * CloudFront serves the S3 bucket on AWS. Only regular files inside the folder are served: a path with {@code ..}, a
 * backslash, a NUL or a link leading out of it is not found.
 */
public final class WebAppFiles {
    public static final String PREFIX = "/app/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "json", "application/json", "svg", "image/svg+xml",
            "png", "image/png", "ico", "image/x-icon", "txt", "text/plain; charset=utf-8");

    public record File(byte[] bytes, String contentType) {
    }

    private final Path root;

    public WebAppFiles(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    /** The web folder of this checkout: WEB_DIR if set, else the nearest {@code web/index.html} up from here. */
    public static Optional<WebAppFiles> locate() throws IOException {
        var configured = System.getenv("WEB_DIR");
        if (configured != null && !configured.isBlank()) return Optional.of(new WebAppFiles(Path.of(configured)));
        var dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("web/index.html"))) return Optional.of(new WebAppFiles(dir.resolve("web")));
        }
        return Optional.empty();
    }

    public Path root() {
        return root;
    }

    /** The file a raw request path under /app/ names (index.html for a folder), or empty if there is none to serve. */
    public Optional<File> find(String rawPath) throws IOException {
        if (!rawPath.startsWith(PREFIX)) return Optional.empty();
        String relative;
        try {
            relative = URLDecoder.decode(rawPath.substring(PREFIX.length()).replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (relative.isEmpty() || relative.endsWith("/")) relative += "index.html";
        if (relative.indexOf('\\') >= 0 || relative.indexOf('\0') >= 0 || relative.startsWith("/")) return Optional.empty();
        for (var segment : relative.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) return Optional.empty();
        }
        var file = root.resolve(relative).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) return Optional.empty();
        // a link inside the folder may point outside it
        if (!file.toRealPath().startsWith(root)) return Optional.empty();
        var name = file.getFileName().toString();
        var dot = name.lastIndexOf('.');
        var type = TYPES.get(dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT));
        if (type == null) return Optional.empty();
        return Optional.of(new File(Files.readAllBytes(file), type));
    }
}
