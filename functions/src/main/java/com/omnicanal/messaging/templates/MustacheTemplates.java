package com.omnicanal.messaging.templates;

import com.omnicanal.messaging.Rendered;
import com.omnicanal.messaging.Templates;
import com.omnicanal.messaging.Templates.MissingData;
import com.omnicanal.outbox.ChannelKind;
import com.samskivert.mustache.Escapers;
import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.MustacheException;
import com.samskivert.mustache.Template;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Templates per message kind and language under templates/{kind}/{lang}/ (sms, email-subject, email.txt,
 * email.html), rendered with JMustache: logic-less, one small jar, HTML-escaping only where it is HTML.
 */
public final class MustacheTemplates implements Templates {
    public static final String DEFAULT_LANGUAGE = "fr";
    private static final Mustache.Compiler TEXT = strict(Escapers.NONE);
    private static final Mustache.Compiler HTML = strict(Escapers.HTML);

    private final Map<String, Template> cache = new ConcurrentHashMap<>();
    private final Map<String, String> languages = new ConcurrentHashMap<>();

    /**
     * A variable or section the data lacks throws (no default value), and so does a blank value printed: the customer
     * never reads "jusqu'au  à ."; an optional part is a section whose value is "" when there is nothing to say.
     */
    private static Mustache.Compiler strict(Mustache.Escaper escaper) {
        // the escaper sees every value printed, and only those (sections test their value without it)
        return Mustache.compiler().strictSections(true).emptyStringIsFalse(true).withEscaper(raw -> {
            if (raw.isBlank()) throw new MissingData("a blank value would be printed");
            return escaper.escape(raw);
        });
    }

    @Override
    public Rendered render(String kind, String language, ChannelKind channel, Map<String, String> data) {
        // looked up once per kind and language, not on every message
        var lang = languages.computeIfAbsent(kind + "/" + language,
                k -> exists(kind, language, "sms.mustache") ? language : DEFAULT_LANGUAGE);
        if (channel == ChannelKind.EMAIL) {
            var subject = execute(kind, lang, "email-subject.mustache", TEXT, data).strip();
            var text = execute(kind, lang, "email.txt.mustache", TEXT, data);
            String html;
            if (exists(kind, lang, "email.html.mustache")) {
                html = execute(kind, lang, "email.html.mustache", HTML, data);
            } else {
                // kinds without their own HTML get the shared layout, one paragraph per block of the text
                var page = new java.util.HashMap<String, Object>(data);
                page.put("subject", subject);
                page.put("paragraphs", java.util.Arrays.stream(text.strip().split("\\n\\s*\\n")).toList());
                html = execute("layout", lang, "email.html.mustache", HTML, page);
            }
            return new Rendered(subject, text, html);
        }
        return new Rendered(null, execute(kind, lang, "sms.mustache", TEXT, data).strip(), null);
    }

    private String execute(String kind, String lang, String file, Mustache.Compiler compiler, Object data) {
        try {
            return template(kind, lang, file, compiler).execute(data);
        } catch (MustacheException | MissingData e) {
            throw new MissingData(path(kind, lang, file) + ": " + e.getMessage());
        }
    }

    private static boolean exists(String kind, String language, String file) {
        return language != null && MustacheTemplates.class.getClassLoader()
                .getResource(path(kind, language, file)) != null;
    }

    private Template template(String kind, String lang, String file, Mustache.Compiler compiler) {
        return cache.computeIfAbsent(path(kind, lang, file), path -> {
            var in = MustacheTemplates.class.getClassLoader().getResourceAsStream(path);
            if (in == null) throw new IllegalStateException("no template " + path);
            try (var reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                return compiler.compile(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String path(String kind, String lang, String file) {
        return "templates/" + kind.toLowerCase() + "/" + lang + "/" + file;
    }
}
