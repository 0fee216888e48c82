package com.omnicanal.bench;

import com.omnicanal.Priming;
import org.springframework.cloud.function.adapter.aws.FunctionInvoker;

/**
 * SnapStart's proxy under the runtime interface emulator: template.yaml's handler, then the priming SnapStart runs
 * before its snapshot, both in the handler's construction (Lambda's init phase). A restored snapshot skips init, so the
 * first invoke's duration is what a SnapStart function's first request costs once restored (restore itself aside).
 */
public class PrimedFunctionInvoker extends FunctionInvoker {
    public PrimedFunctionInvoker() {
        super();
        Priming.registered().prime();
    }
}
