package com.omnicanal.dynamodblocal;

/** DynamoDB Local logs every request at INFO through log4j2; only warnings are worth reading. */
final class Quiet {
    private Quiet() {
    }

    static void loggers() {
        try {
            var configurator = Class.forName("org.apache.logging.log4j.core.config.Configurator");
            var level = Class.forName("org.apache.logging.log4j.Level");
            configurator.getMethod("setRootLevel", level).invoke(null, level.getField("WARN").get(null));
            configurator.getMethod("setLevel", String.class, level)
                    .invoke(null, "com.amazonaws.services.dynamodbv2", level.getField("WARN").get(null));
        } catch (ReflectiveOperationException | LinkageError noLog4jCore) {
            // without log4j-core nothing is printed anyway
        }
    }
}
