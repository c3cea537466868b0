package dev.junction.gateway.observe.logs;

import dev.junction.config.Deployment;
import dev.junction.gateway.observe.callbacks.FinishedCall;
import java.util.Locale;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code general_settings.access_log}: one info line per call on logger {@code dev.junction.access}, with
 * its route, status, duration, model, deployment and key alias, and the call's id as a key-value pair
 * ({@code call_id}), which JSON logs show as a field. ({@code --detailed_debug}'s line per request is the HTTP
 * layer's {@code RequestLog}.)
 */
public final class AccessLog implements Consumer<FinishedCall> {
    static final Logger ACCESS = LoggerFactory.getLogger("dev.junction.access");

    @Override
    public void accept(FinishedCall call) {
        Deployment deployment = call.deployment();
        String keyAlias = call.start().caller().keyAlias();
        ACCESS.atInfo()
                .addKeyValue("call_id", call.callId())
                .log(
                        "POST {} {} {} ms model={} deployment={} key_alias={}",
                        call.start().route(),
                        call.end().status(),
                        String.format(Locale.ROOT, "%.1f", call.durationSeconds() * 1000),
                        call.requestedModel(),
                        deployment == null ? "-" : deployment.id(),
                        keyAlias == null ? "-" : keyAlias);
    }
}
