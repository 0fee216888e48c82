package com.omnicanal.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collections;
import org.junit.jupiter.api.Test;

/**
 * What the local stack prints at start is checked on a real process in {@link LocalStackDataDirTest}; this checks the
 * cause of one line that shows only with local.sh's classpath order (target/lib/*).
 */
class QuietStartTest {
    @Test
    void theCommonsLoggingApiComesFromOneJarOnly() throws Exception {
        // commons-logging.jar next to spring-jcl: when its LogFactory wins, spring-jcl prints "Standard Commons Logging
        // discovery in action with spring-jcl: please remove commons-logging.jar from classpath" at every start
        var copies = Collections.list(
                ClassLoader.getSystemClassLoader().getResources("org/apache/commons/logging/LogFactory.class"));
        assertThat(copies).hasSize(1);
    }
}
