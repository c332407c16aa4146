package io.github.asr4j.serve;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Calls the server with the {@code curl} program; a test using it skips with a message where curl is absent. */
final class Curl {
    private Curl() {}

    /** A response: status, headers (lower-case names, last value), body. */
    record Response(int status, Map<String, String> headers, String body) {}

    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")) || onPath("curl"),
                "curl is not installed: the curl checks of the server are skipped");
    }

    /** POSTs a multipart form; {@code fields} are name, value pairs; a value starting with @ is a file. */
    static Response post(String url, List<String> fields) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>();
        for (int i = 0; i < fields.size(); i += 2) {
            args.add("-F");
            args.add(fields.get(i) + "=" + fields.get(i + 1));
        }
        return call(url, args);
    }

    static Response get(String url) throws IOException, InterruptedException {
        return call(url, List.of());
    }

    private static Response call(String url, List<String> extra) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("asr4j-curl");
        Path headers = dir.resolve("headers");
        Path body = dir.resolve("body");
        List<String> command = new ArrayList<>(List.of("curl", "-sS", "-D", headers.toString(), "-o", body.toString(),
                "-w", "%{http_code}"));
        command.addAll(extra);
        command.add(url);
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException("curl failed: " + out);
        }
        Map<String, String> h = new java.util.HashMap<>();
        for (String line : Files.readAllLines(headers, StandardCharsets.ISO_8859_1)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                h.put(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).strip());
            }
        }
        Response r = new Response(Integer.parseInt(out), h, Files.readString(body, StandardCharsets.UTF_8));
        Files.delete(headers);
        Files.delete(body);
        Files.delete(dir);
        return r;
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, program))) return true;
        }
        return false;
    }
}
