package dev.junction.bench.jmh;

import org.openjdk.jmh.annotations.Fork;

/**
 * {@link AdmissionBenchmark} with {@code -Djava.util.concurrent.ForkJoinPool.common.parallelism=2}: the
 * common pool Hazelcast completes its futures on is then a real pool even on a 2-core machine.
 */
@Fork(
        value = 1,
        jvmArgsAppend = {
            "-Djava.util.concurrent.ForkJoinPool.common.parallelism=2",
            "--add-modules",
            "java.se",
            "--add-exports",
            "java.base/jdk.internal.ref=ALL-UNNAMED",
            "--add-opens",
            "java.base/java.lang=ALL-UNNAMED",
            "--add-opens",
            "java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens",
            "java.management/sun.management=ALL-UNNAMED",
            "--add-opens",
            "jdk.management/com.sun.management.internal=ALL-UNNAMED"
        })
public class AdmissionCommonPoolBenchmark extends AdmissionBenchmark {}
