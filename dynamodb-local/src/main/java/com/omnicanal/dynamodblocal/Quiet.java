package com.omnicanal.dynamodblocal;

/** DynamoDB Local logs every request at INFO through log4j2; only warnings are worth reading. */
final class Quiet {
    /**
     * The AWS SDK v1 inside DynamoDB Local logs through java.util.logging; its Base64 warns at first use that JAXB is
     * missing and it uses its own encoder, which is all it needs. Held here: java.util.logging forgets the level of a
     * logger nobody references.
     */
    private static final java.util.logging.Logger SDK_V1_BASE64 = java.util.logging.Logger.getLogger("com.amazonaws.util.Base64");

    private Quiet() {
    }

    static void loggers() {
        SDK_V1_BASE64.setLevel(java.util.logging.Level.SEVERE);
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
