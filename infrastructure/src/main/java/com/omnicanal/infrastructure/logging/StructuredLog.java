package com.omnicanal.infrastructure.logging;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * One JSON object per line (CloudWatch Logs Insights reads them as fields): time, level, logger, message,
 * correlationId, error. Emails and phone numbers are masked in the message and the stack trace.
 */
public final class StructuredLog {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static volatile boolean installed;
    /** Where the handler writes, and where {@link #print} puts lines that no log level may drop (metrics). */
    private static volatile PrintStream stream = System.err;

    private StructuredLog() {
    }

    /** Replaces the root logger's handlers with one JSON handler on stderr (what Lambda ships to CloudWatch). */
    public static synchronized void install() {
        if (installed) return;
        install(System.err);
        installed = true;
    }

    public static synchronized Handler install(PrintStream out) {
        stream = out;
        var root = LogManager.getLogManager().getLogger("");
        for (var h : root.getHandlers()) root.removeHandler(h);
        var handler = handler(out);
        root.addHandler(handler);
        return handler;
    }

    public static Handler handler(PrintStream out) {
        var formatter = new JsonFormatter();
        return new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (!isLoggable(record)) return;
                out.print(formatter.format(record));
                out.flush();
            }

            @Override
            public void flush() {
                out.flush();
            }

            @Override
            public void close() {
                out.flush();
            }
        };
    }

    /**
     * One line of the log's shape with more fields beside time, level, logger, message and correlationId (a metric in
     * embedded metric format), without its line separator.
     */
    public static String line(Instant at, String logger, String message, Map<String, Object> fields) {
        var line = base(at, "INFO", logger, message);
        fields.forEach(line::putIfAbsent);
        try {
            return JSON.writeValueAsString(line);
        } catch (Exception e) {
            return "{\"level\":\"ERROR\",\"message\":\"unwritable line\"}";
        }
    }

    /** Prints a line where the log goes, whatever the log level: a metric is data, not a diagnostic. */
    public static void print(String line) {
        stream.print(line + System.lineSeparator());
    }

    private static LinkedHashMap<String, Object> base(Instant at, String level, String logger, String message) {
        var line = new LinkedHashMap<String, Object>();
        line.put("time", at.toString());
        line.put("level", level);
        line.put("logger", logger);
        line.put("message", Masking.mask(message));
        var correlation = Correlation.current();
        if (correlation != null) line.put("correlationId", correlation);
        return line;
    }

    /** The JSON line for one record; also usable with any JUL handler. */
    public static final class JsonFormatter extends Formatter {
        @Override
        public String format(LogRecord record) {
            var line = base(Instant.ofEpochMilli(record.getMillis()), level(record.getLevel()), record.getLoggerName(),
                    formatMessage(record));
            if (record.getThrown() != null) {
                var trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.put("error", Masking.mask(trace.toString()));
            }
            try {
                return JSON.writeValueAsString(line) + System.lineSeparator();
            } catch (Exception e) {
                return "{\"level\":\"ERROR\",\"message\":\"unloggable record\"}" + System.lineSeparator();
            }
        }

        private static String level(Level level) {
            if (level.intValue() >= Level.SEVERE.intValue()) return "ERROR";
            if (level.intValue() >= Level.WARNING.intValue()) return "WARN";
            if (level.intValue() >= Level.INFO.intValue()) return "INFO";
            return "DEBUG";
        }
    }

    /** For code that wants to log an event with the request's correlation id. */
    public static Logger logger(Class<?> type) {
        return Logger.getLogger(type.getName());
    }
}
