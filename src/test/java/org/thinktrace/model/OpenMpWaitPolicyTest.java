package org.thinktrace.model;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenMpWaitPolicyTest {

    @Test
    void aChildProcessSleepsWhenIdleUnlessItsEnvironmentNamesAPolicy() {
        Map<String, String> plain = new HashMap<>(Map.of("PATH", "/usr/bin"));
        OpenMpWaitPolicy.sleepWhenIdle(plain);
        assertEquals(Map.of("PATH", "/usr/bin", "OMP_WAIT_POLICY", "PASSIVE"), plain);

        Map<String, String> chosen = new HashMap<>(Map.of("OMP_WAIT_POLICY", "ACTIVE"));
        OpenMpWaitPolicy.sleepWhenIdle(chosen);
        assertEquals(Map.of("OMP_WAIT_POLICY", "ACTIVE"), chosen);
    }

    @Test
    void theLogSaysHowTheThreadsWait() {
        assertEquals("OpenMP threads wait with OMP_WAIT_POLICY=PASSIVE",
                OpenMpWaitPolicy.describe(Map.of("OMP_WAIT_POLICY", "PASSIVE")));
        String unset = OpenMpWaitPolicy.describe(Map.of());
        assertTrue(unset.contains("spin") && unset.contains("OMP_WAIT_POLICY not set"), unset);
    }
}
