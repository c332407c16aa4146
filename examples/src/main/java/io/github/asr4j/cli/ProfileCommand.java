package io.github.asr4j.cli;

import io.github.asr4j.profile.ChromeTrace;
import io.github.asr4j.profile.HtmlReport;
import io.github.asr4j.profile.Profile;
import io.github.asr4j.profile.ProfileEvent;
import io.github.asr4j.profile.ProfileRun;
import io.github.asr4j.profile.ProfileSummary;
import io.github.asr4j.profile.SpanLevel;
import io.github.asr4j.profile.SummaryWriter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code asr4j profile}: encodes the first 30 s window of a file and greedily decodes a few tokens
 * with the layer profiler on, then writes a trace, summaries and an HTML report.
 */
@Command(name = "profile", mixinStandardHelpOptions = true,
        description = "Profile one window (encoder pass + greedy decoding) layer by layer and op by op.")
final class ProfileCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Whisper model folder.")
    Path model;

    @Parameters(index = "0", paramLabel = "FILE", description = "Audio file (WAV or FLAC); its first 30 s are used.")
    Path audio;

    @Option(names = "--html", paramLabel = "FILE", description = "Self-contained HTML report with charts.")
    Path html;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Chrome trace-event JSON (open in ui.perfetto.dev or chrome://tracing).")
    Path trace;

    @Option(names = "--csv", paramLabel = "FILE", description = "Per-layer summary as CSV.")
    Path csv;

    @Option(names = "--json", paramLabel = "FILE", description = "Per-layer and per-op summary as JSON.")
    Path json;

    @Option(names = {"--peak_gflops", "--peak-gflops"}, defaultValue = "0", paramLabel = "N",
            description = "The machine's peak GFLOP/s, for the percent-of-peak columns.")
    double peakGflops;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N", description = "Kernel threads; 0 = one per core.")
    int threads;

    @Option(names = {"--max_tokens", "--max-tokens"}, defaultValue = "32", paramLabel = "N", description = "Tokens to decode at most.")
    int maxTokens;

    @Option(names = "--warmup", defaultValue = "2", paramLabel = "N",
            description = "Unprofiled runs first, so the profile shows compiled code.")
    int warmup;

    @Override
    public Integer call() {
        if (threads < 0 || maxTokens < 1 || warmup < 0 || peakGflops < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--threads, --warmup and --peak_gflops must be >= 0 and --max_tokens >= 1");
        }
        ProfileRun.Result result = ProfileRun.run(model, audio, new ProfileRun.Options(threads, maxTokens, warmup));
        Profile profile = result.profile();
        ProfileSummary summary = ProfileSummary.of(profile, peakGflops);
        if (trace != null) {
            ChromeTrace.write(profile, trace);
        }
        if (csv != null) {
            SummaryWriter.writeCsv(summary, csv);
        }
        if (json != null) {
            SummaryWriter.writeJson(summary, json);
        }
        if (html != null) {
            HtmlReport.write(summary, "asr4j profile: " + model.getFileName() + " · " + audio.getFileName(), html);
        }
        print(spec.commandLine().getOut(), profile, summary, result);
        return 0;
    }

    private static void print(PrintWriter out, Profile profile, ProfileSummary summary, ProfileRun.Result result) {
        out.printf(Locale.ROOT, "%s, %d thread(s); decoded %d token(s) after a %d-token prompt%n",
                summary.backend(), summary.threads(), result.tokens().length, result.prompt().length);
        for (ProfileSummary.PassStats p : summary.passes()) {
            out.printf(Locale.ROOT, "  %-17s %3d call(s)  mean %9.3f ms  %8.2f GFLOP/s%n",
                    p.pass(), p.calls(), p.meanNanos() / 1e6, p.gflops());
        }
        for (ProfileEvent pass : profile.at(SpanLevel.PASS)) {
            if (pass.name().equals("encoder") || pass == lastStep(profile)) {
                out.printf(Locale.ROOT, "  slowest ops of %s (%.3f ms):%n", pass.name(), pass.durationNanos() / 1e6);
                for (ProfileEvent op : ProfileSummary.slowestOps(profile, pass, 5)) {
                    ProfileEvent layer = profile.byId(op.parentId());
                    out.printf(Locale.ROOT, "    %-24s %-24s %9.3f ms  %8.2f GFLOP/s  %7.2f GB/s%n",
                            layer.name(), op.name(), op.durationNanos() / 1e6, op.gflops(), op.gbPerSecond());
                }
            }
        }
        out.flush();
    }

    private static ProfileEvent lastStep(Profile profile) {
        ProfileEvent last = null;
        for (ProfileEvent e : profile.at(SpanLevel.PASS)) {
            if (e.name().equals("decoder.step")) {
                last = e;
            }
        }
        return last;
    }
}
